using System.Globalization;
using DrawingFromDiffusion.Core.Catalog;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>Read-only questions about the catalog (stats, errors, export). Safe beside a running scan: WAL readers do not block the writer.</summary>
public sealed class CatalogQueries(CatalogDatabase database)
{
    public CatalogStats Stats()
    {
        using var connection = database.Connect();
        // One pass over images for every per-kind count: each extra count(*) is another full scan on a 1M catalog.
        var formats = new Dictionary<string, long>(StringComparer.Ordinal);
        long images = 0, videos = 0, frames = 0;
        using (var reader = Query(connection, "SELECT kind, format, count(*) FROM images GROUP BY kind, format"))
        {
            while (reader.Read())
            {
                var (kind, count) = (reader.GetString(0), reader.GetInt64(2));
                videos += kind == "video" ? count : 0;
                frames += kind == "video_frame" ? count : 0;
                if (kind != "video_frame")
                {
                    images += count;
                    formats[reader.GetString(1)] = formats.GetValueOrDefault(reader.GetString(1)) + count;
                }
            }
        }

        formats = formats.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var embeddings = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var reader = Query(connection, "SELECT model_id, count(*) FROM embeddings GROUP BY model_id ORDER BY 1"))
        {
            while (reader.Read())
            {
                embeddings[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var lastScan = Scalar(connection, "SELECT max(finished_at) FROM scans") as string;
        var bytes = new[] { "", "-wal" }.Select(suffix => new FileInfo(database.Path + suffix)).Where(f => f.Exists).Sum(f => f.Length);
        return new CatalogStats(
            database.Path,
            bytes,
            SchemaMigrator.CurrentVersion(connection),
            images,
            Count(connection, "files"),
            Count(connection, "errors"),
            Count(connection, "generation"),
            formats,
            embeddings,
            lastScan is null ? null : DateTimeOffset.Parse(lastScan, CultureInfo.InvariantCulture))
        {
            Videos = videos,
            VideoFrames = frames,
        };
    }

    public IReadOnlyList<ErrorRecord> Errors()
    {
        using var connection = database.Connect();
        using var reader = Query(connection, "SELECT path, stage, reason, at FROM errors ORDER BY path");
        var list = new List<ErrorRecord>();
        while (reader.Read())
        {
            list.Add(new ErrorRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
        }

        return list;
    }

    /// <summary>Each image's size in bytes, by image id.</summary>
    public Dictionary<long, long> ByteSizes()
    {
        using var connection = database.Connect();
        using var reader = Query(connection, "SELECT id, byte_size FROM images");
        var sizes = new Dictionary<long, long>();
        while (reader.Read())
        {
            sizes[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return sizes;
    }

    public IEnumerable<FileRecord> Files()
    {
        using var connection = database.Connect();
        using var reader = Query(
            connection,
            """
            SELECT f.path, i.id, i.content_hash, i.width, i.height, i.format, f.size, f.mtime_ticks,
                   g.image_id, g.generator, g.prompt, g.negative_prompt, g.model, g.model_hash, g.seed_text, g.steps, g.sampler, g.scheduler,
                   g.cfg_scale, g.width, g.height, g.vae, g.clip_skip, g.denoise,
                   (SELECT group_concat(l.name || ':' || ifnull(l.weight, ''), '; ') FROM loras l WHERE l.image_id = i.id)
            FROM files f JOIN images i ON i.id = f.image_id
            LEFT JOIN generation g ON g.image_id = i.id
            ORDER BY f.path
            """);
        while (reader.Read())
        {
            yield return new FileRecord(
                reader.GetString(0),
                reader.GetInt64(1),
                ContentHash.FromBytes((byte[])reader[2]).ToString(),
                reader.GetInt32(3),
                reader.GetInt32(4),
                reader.GetString(5),
                reader.GetInt64(6),
                new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero))
            {
                Generation = reader.IsDBNull(8) ? null : new GenerationSummary(
                    Text(reader, 9), Text(reader, 10), Text(reader, 11), Text(reader, 12), Text(reader, 13), Text(reader, 14),
                    reader.IsDBNull(15) ? null : reader.GetInt32(15), Text(reader, 16), Text(reader, 17),
                    reader.IsDBNull(18) ? null : reader.GetDouble(18), reader.IsDBNull(19) ? null : reader.GetInt32(19),
                    reader.IsDBNull(20) ? null : reader.GetInt32(20), Text(reader, 21), reader.IsDBNull(22) ? null : reader.GetInt32(22),
                    reader.IsDBNull(23) ? null : reader.GetDouble(23), Text(reader, 24)),
            };
        }
    }

    public byte[]? Thumbnail(long imageId)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT webp FROM thumbnails WHERE image_id = $id";
        command.Parameters.AddWithValue("$id", imageId);
        return command.ExecuteScalar() as byte[];
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long Count(SqliteConnection connection, string table) =>
        (long)Scalar(connection, $"SELECT count(*) FROM {table}")!;

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static SqliteDataReader Query(SqliteConnection connection, string sql)
    {
        // Not disposed here: disposing the command would close the reader it returns.
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }
}
