using System.Text.Json;
using DrawingFromDiffusion.Core.Catalog;
using Npgsql;

namespace DrawingFromDiffusion.Storage.PostgreSql;

/// <summary>
/// The scanner's writer side of a PostgreSQL catalog. Several scans and workers may write at once: images are keyed by
/// content hash (ON CONFLICT), files by path, and each batch is one transaction.
/// </summary>
public sealed class PgImageCatalog(PgCatalog catalog) : IImageCatalog
{
    private static readonly JsonSerializerOptions _readableJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private long _scanId;

    /// <summary>
    /// Files and errors under the roots, found by path prefix in SQL. Known hashes are left empty: at 10^7 images a scan
    /// should not load every hash, so a copy of known content is decoded once more and linked on insert (ON CONFLICT).
    /// </summary>
    public async Task<CatalogSnapshot> LoadSnapshotAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        var snapshot = new CatalogSnapshot
        {
            Files = new Dictionary<string, FileState>(StringComparer.Ordinal),
            Errors = new Dictionary<string, FileState>(StringComparer.Ordinal),
            KnownHashes = [],
        };
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        var exact = roots.Select(r => r.TrimEnd(Path.DirectorySeparatorChar)).ToArray();
        var prefixes = exact.Select(r => PgFilterSql.EscapeLike(r) + Path.DirectorySeparatorChar + "%").ToArray();
        await Read(
            "SELECT path, size, CASE WHEN metadata_read THEN mtime_ticks ELSE -1 END FROM files WHERE path = ANY(@exact) OR path LIKE ANY(@prefixes)",
            snapshot.Files);
        // Embedding failures belong to files the scan catalogued fine: to the scan they are unchanged files, not failed ones.
        await Read(
            "SELECT path, size, mtime_ticks FROM errors WHERE stage <> 'embed' AND (path = ANY(@exact) OR path LIKE ANY(@prefixes))",
            snapshot.Errors);
        return snapshot;

        async Task Read(string sql, Dictionary<string, FileState> into)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("exact", exact);
            command.Parameters.AddWithValue("prefixes", prefixes);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                into[reader.GetString(0)] = new FileState(reader.GetInt64(1), reader.GetInt64(2));
            }
        }
    }

    public async Task<long> StartScanAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("INSERT INTO scans (roots) VALUES (@roots) RETURNING id", connection);
        command.Parameters.AddWithValue("roots", JsonSerializer.Serialize(roots));
        _scanId = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return _scanId;
    }

    public async Task<BatchResult> WriteBatchAsync(IReadOnlyList<ScanOutcome> batch, CancellationToken cancellationToken)
    {
        // Two writers inserting the same new content in opposite orders can deadlock; PostgreSQL aborts one, which retries.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteOnceAsync(batch, cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < 5)
            {
            }
        }
    }

    private async Task<BatchResult> WriteOnceAsync(IReadOnlyList<ScanOutcome> batch, CancellationToken cancellationToken)
    {
        int newImages = 0, linked = 0;
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sql = new PgSql(connection, transaction, cancellationToken);
        // Content in hash order: concurrent writers then take row locks in one order.
        foreach (var outcome in batch.OrderBy(o => o is FileScanned s ? s.Hash.ToString() : "", StringComparer.Ordinal))
        {
            switch (outcome)
            {
                case FileScanned scanned:
                    var imageId = scanned.Facts is null ? null : await InsertImageAsync(sql, scanned.Hash, scanned.Facts, scanned.Size, scanned.Video is null ? "image" : "video", null, null);
                    if (imageId is null)
                    {
                        imageId = await sql.ScalarAsync<long?>("SELECT id FROM images WHERE content_hash = @hash", ("hash", scanned.Hash.ToBytes()))
                            ?? throw new InvalidOperationException($"content {scanned.Hash} of {scanned.Path} is not in the catalog");
                        linked++;
                    }
                    else
                    {
                        newImages++;
                        if (scanned.Video is { } video)
                        {
                            await InsertVideoAsync(sql, scanned, imageId.Value, video);
                        }
                    }

                    await UpsertFileAsync(sql, scanned, imageId.Value);
                    if (scanned.Generation is { } generation)
                    {
                        await PgGenerationWriter.WriteAsync(sql, imageId.Value, generation);
                    }

                    await sql.ExecuteAsync("DELETE FROM errors WHERE path = @path", ("path", scanned.Path));
                    break;
                case FileFailed failed:
                    await sql.ExecuteAsync("DELETE FROM files WHERE path = @path", ("path", failed.Path));
                    await sql.ExecuteAsync(
                        """
                        INSERT INTO errors (path, stage, reason, size, mtime_ticks) VALUES (@path, @stage, @reason, @size, @mtime)
                        ON CONFLICT (path) DO UPDATE SET stage = excluded.stage, reason = excluded.reason,
                            size = excluded.size, mtime_ticks = excluded.mtime_ticks, at = now()
                        """,
                        ("path", failed.Path), ("stage", failed.Stage.ToString().ToLowerInvariant()), ("reason", failed.Reason),
                        ("size", failed.Size), ("mtime", failed.ModifiedTicks));
                    break;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new BatchResult(newImages, linked);
    }

    public async Task<RemovalResult> RemoveMissingAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
    {
        var removed = new List<ContentHash>();
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sql = new PgSql(connection, transaction, cancellationToken);
        await using (var command = new NpgsqlCommand(
            """
            WITH gone AS (DELETE FROM files WHERE path = ANY(@paths) RETURNING image_id)
            SELECT i.content_hash FROM gone JOIN images i ON i.id = gone.image_id
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("paths", paths.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                removed.Add(ContentHash.FromBytes((byte[])reader[0]));
            }
        }

        await sql.ExecuteAsync("DELETE FROM errors WHERE path = ANY(@paths)", ("paths", paths.ToArray()));
        var pruned = await sql.ExecuteAsync("DELETE FROM images WHERE kind IN ('image', 'video') AND NOT EXISTS (SELECT 1 FROM files WHERE files.image_id = images.id)");
        await transaction.CommitAsync(cancellationToken);
        return new RemovalResult(removed, pruned);
    }

    public async Task FinishScanAsync(long scanId, ScanSummary summary, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        var sql = new PgSql(connection, null, cancellationToken);
        await sql.ExecuteAsync(
            "UPDATE scans SET finished_at = now(), completed = @completed, summary_json = @summary WHERE id = @id",
            ("completed", summary.Completed), ("summary", JsonSerializer.Serialize(summary)), ("id", scanId));
    }

    private static async Task InsertVideoAsync(PgSql sql, FileScanned scanned, long videoId, VideoFacts video)
    {
        await sql.ExecuteAsync(
            """
            INSERT INTO videos (image_id, duration_ms, fps, width, height, codec, frame_count, texts_json, notes_json)
            VALUES (@id, @duration, @fps, @width, @height, @codec, @frames, @texts, @notes)
            ON CONFLICT (image_id) DO NOTHING
            """,
            ("id", videoId), ("duration", video.Info.DurationMs), ("fps", video.Info.Fps), ("width", video.Info.Width),
            ("height", video.Info.Height), ("codec", video.Info.Codec), ("frames", video.Info.FrameCount),
            ("texts", video.MetadataTexts.Count > 0 ? JsonSerializer.Serialize(video.MetadataTexts, _readableJson) : null),
            ("notes", video.Notes.Count > 0 ? JsonSerializer.Serialize(video.Notes, _readableJson) : null));
        foreach (var frame in video.Frames)
        {
            var hash = FrameFacts.HashOf(scanned.Hash, frame.TimestampMs);
            if (await InsertImageAsync(sql, hash, frame.Facts, frame.Image.LongLength, "video_frame", videoId, frame.TimestampMs) is { } frameId)
            {
                await sql.ExecuteAsync("INSERT INTO frame_pixels (image_id, image) VALUES (@id, @image) ON CONFLICT (image_id) DO NOTHING", ("id", frameId), ("image", frame.Image));
            }
        }
    }

    private static async Task<long?> InsertImageAsync(PgSql sql, ContentHash hash, ImageFacts facts, long size, string kind, long? videoId, long? timestampMs)
    {
        var id = await sql.ScalarAsync<long?>(
            """
            INSERT INTO images (content_hash, format, width, height, byte_size, phash, dhash, kind, video_id, timestamp_ms)
            VALUES (@hash, @format, @width, @height, @size, @phash, @dhash, @kind, @video, @timestamp)
            ON CONFLICT (content_hash) DO NOTHING
            RETURNING id
            """,
            ("hash", hash.ToBytes()), ("format", facts.Format.ToString().ToLowerInvariant()), ("width", facts.Width), ("height", facts.Height),
            ("size", size), ("phash", unchecked((long)facts.PHash)), ("dhash", unchecked((long)facts.DHash)), ("kind", kind),
            ("video", videoId), ("timestamp", timestampMs));
        if (id is { } inserted)
        {
            await sql.ExecuteAsync("INSERT INTO thumbnails (image_id, webp) VALUES (@id, @webp) ON CONFLICT (image_id) DO UPDATE SET webp = excluded.webp", ("id", inserted), ("webp", facts.Thumbnail));
        }

        return id;
    }

    private Task UpsertFileAsync(PgSql sql, FileScanned scanned, long imageId) =>
        sql.ExecuteAsync(
            """
            INSERT INTO files (path, image_id, size, mtime_ticks, last_scan_id, metadata_read, device, inode, ctime_ticks)
            VALUES (@path, @image, @size, @mtime, @scan, @metadataRead, @device, @inode, @ctime)
            ON CONFLICT (path) DO UPDATE SET image_id = excluded.image_id, size = excluded.size,
                mtime_ticks = excluded.mtime_ticks, last_scan_id = excluded.last_scan_id, metadata_read = excluded.metadata_read,
                device = excluded.device, inode = excluded.inode, ctime_ticks = excluded.ctime_ticks
            """,
            ("path", scanned.Path), ("image", imageId), ("size", scanned.Size), ("mtime", scanned.ModifiedTicks),
            ("scan", _scanId == 0 ? null : _scanId), ("metadataRead", scanned.Generation is not null),
            ("device", scanned.Identity is { } id ? id.Device : null), ("inode", scanned.Identity is { } ino ? ino.Inode : null),
            ("ctime", scanned.Identity is { } changed ? changed.ChangeTicks : null));
}
