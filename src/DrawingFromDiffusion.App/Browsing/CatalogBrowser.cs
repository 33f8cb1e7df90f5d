using System.Globalization;
using System.Text.Json;
using DrawingFromDiffusion.App.Contracts;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Storage;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.App.Browsing;

/// <summary>Reads single images from the catalog by id: their metadata, thumbnail and an original file that still holds them.</summary>
public sealed class CatalogBrowser(ReadOnlyCatalog catalog)
{
    public async Task<bool> ExistsAsync(long imageId, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM images WHERE id = $id";
        command.Parameters.AddWithValue("$id", imageId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>The image's catalog facts, generation metadata, LoRAs and files; null when the id is unknown.</summary>
    public async Task<ImageDetail?> ImageAsync(long imageId, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenAsync(cancellationToken);
        ImageDetail? detail;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT i.id, i.content_hash, i.format, i.width, i.height, i.byte_size, i.phash, i.kind, i.added_at,
                       g.image_id, g.generator, g.prompt, g.negative_prompt, g.model, g.model_hash, g.seed, g.steps, g.sampler,
                       g.scheduler, g.cfg_scale, g.width, g.height, g.vae, g.clip_skip, g.denoise, g.extra_json, g.raw
                FROM images i LEFT JOIN generation g ON g.image_id = i.id
                WHERE i.id = $id
                """;
            command.Parameters.AddWithValue("$id", imageId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            detail = new ImageDetail(
                reader.GetInt64(0),
                ContentHash.FromBytes((byte[])reader[1]).ToString(),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.GetInt32(4),
                reader.GetInt64(5),
                reader.IsDBNull(6) ? null : unchecked((ulong)reader.GetInt64(6)).ToString("x16", CultureInfo.InvariantCulture),
                reader.GetString(7),
                DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
                reader.IsDBNull(9) ? null : ReadGeneration(reader),
                [],
                []);
        }

        var loras = new List<LoraUse>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, weight FROM loras WHERE image_id = $id ORDER BY rowid";
            command.Parameters.AddWithValue("$id", imageId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                loras.Add(new LoraUse(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetDouble(1)));
            }
        }

        VideoDetail? video = null;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT v.image_id, i.timestamp_ms, v.duration_ms, v.fps, v.width, v.height, v.codec, v.frame_count
                FROM images i JOIN videos v ON v.image_id = coalesce(i.video_id, i.id)
                WHERE i.id = $id
                """;
            command.Parameters.AddWithValue("$id", imageId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                video = new VideoDetail(
                    reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3),
                    reader.GetInt32(4), reader.GetInt32(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetInt64(7));
            }
        }

        // A frame has no file of its own: it shows its video's.
        var files = new List<ImageFile>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT path, size, mtime_ticks FROM files WHERE image_id = $id ORDER BY path";
            command.Parameters.AddWithValue("$id", video?.VideoId ?? imageId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                files.Add(new ImageFile(reader.GetString(0), reader.GetInt64(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero)));
            }
        }

        var tags = await Task.Run(() => new TagStore(catalog.Database).TagsOf(imageId), cancellationToken);
        return detail with { Loras = loras, Files = files, Video = video, Tags = tags };
    }

    public async Task<byte[]?> ThumbnailAsync(long imageId, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT webp FROM thumbnails WHERE image_id = $id";
        command.Parameters.AddWithValue("$id", imageId);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <summary>
    /// The first catalogued file of the image that still exists with the catalogued size, opened for reading.
    /// Only paths the catalog recorded are considered; the request supplies nothing but the id.
    /// </summary>
    /// <returns>null when the id is unknown or no file of it is left.</returns>
    public async Task<(FileStream Stream, string Format)?> OpenOriginalAsync(long imageId, CancellationToken cancellationToken)
    {
        var candidates = new List<(string Path, long Size, long ModifiedTicks, ContentHash Hash, string Format)>();
        await using (var connection = await catalog.OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            // A video frame is served as its video (the page plays it from the frame's time).
            command.CommandText = """
                SELECT f.path, f.size, f.mtime_ticks, i.content_hash, i.format FROM files f JOIN images i ON i.id = f.image_id
                WHERE f.image_id = coalesce((SELECT video_id FROM images WHERE id = $id), $id) ORDER BY f.id
                """;
            command.Parameters.AddWithValue("$id", imageId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                candidates.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), ContentHash.FromBytes((byte[])reader.GetValue(3)), reader.GetString(4)));
            }
        }

        foreach (var (path, size, modifiedTicks, hash, format) in candidates)
        {
            // A file rewritten, replaced or re-linked since the scan holds other content: never pass it off as this image.
            if (await CataloguedFile.OpenUnchangedAsync(path, size, modifiedTicks, hash, cancellationToken) is { } stream)
            {
                return (stream, format);
            }
        }

        return null;
    }

    private static GenerationSummary ReadGeneration(SqliteDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        long? Long(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
        int? Int(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
        double? Real(int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
        return new GenerationSummary(
            Text(10), Text(11), Text(12), Text(13), Text(14), Long(15)?.ToString(CultureInfo.InvariantCulture), Int(16), Text(17), Text(18), Real(19),
            Int(20), Int(21), Text(22), Int(23), Real(24), null)
        {
            Extra = ParseExtra(Text(25)),
            Raw = Text(26),
        };
    }

    private static JsonElement? ParseExtra(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
