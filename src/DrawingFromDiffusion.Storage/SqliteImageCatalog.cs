using System.Globalization;
using System.Text.Json;
using DrawingFromDiffusion.Core.Catalog;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>The scanner's writer side of the catalog. One instance holds one connection: use it from one task at a time.</summary>
public sealed class SqliteImageCatalog(CatalogDatabase database) : IImageCatalog, IDisposable
{
    // Prompts and graphs stay readable in the database: quotes and non-ASCII are not \u-escaped.
    private static readonly JsonSerializerOptions _readableJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SqliteConnection _connection = database.Connect();
    private long _scanId;
    private SqliteTransaction? _transaction;

    public Task<CatalogSnapshot> LoadSnapshotAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        var under = Prefixes(roots);
        var snapshot = new CatalogSnapshot
        {
            Files = new Dictionary<string, FileState>(StringComparer.Ordinal),
            Errors = new Dictionary<string, FileState>(StringComparer.Ordinal),
            KnownHashes = [],
        };
        // A file whose metadata was never read gets an impossible mtime, so the scan looks at it again.
        using (var command = Command("SELECT path, size, CASE WHEN metadata_read = 1 THEN mtime_ticks ELSE -1 END FROM files"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var path = reader.GetString(0);
                if (IsUnder(path, under))
                {
                    snapshot.Files[path] = new FileState(reader.GetInt64(1), reader.GetInt64(2));
                }
            }
        }

        // Embedding failures belong to files the scan catalogued fine: to the scan they are unchanged files, not failed ones.
        using (var command = Command("SELECT path, size, mtime_ticks FROM errors WHERE stage <> 'embed'"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var path = reader.GetString(0);
                if (IsUnder(path, under))
                {
                    snapshot.Errors[path] = new FileState(reader.GetInt64(1), reader.GetInt64(2));
                }
            }
        }

        using (var command = Command("SELECT content_hash FROM images"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                snapshot.KnownHashes.Add(ContentHash.FromBytes((byte[])reader[0]));
            }
        }

        return Task.FromResult(snapshot);
    }

    public Task<long> StartScanAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        using var command = Command("INSERT INTO scans (started_at, roots) VALUES ($at, $roots) RETURNING id");
        command.Parameters.AddWithValue("$at", Now());
        command.Parameters.AddWithValue("$roots", JsonSerializer.Serialize(roots));
        _scanId = (long)command.ExecuteScalar()!;
        return Task.FromResult(_scanId);
    }

    public Task<BatchResult> WriteBatchAsync(IReadOnlyList<ScanOutcome> batch, CancellationToken cancellationToken)
    {
        int newImages = 0, linked = 0;
        var newImageIds = new Dictionary<ContentHash, long>();
        using var transaction = _transaction = _connection.BeginTransaction();
        foreach (var outcome in batch)
        {
            switch (outcome)
            {
                case FileScanned scanned:
                    var imageId = scanned.Facts is null ? null : InsertImage(scanned);
                    if (imageId is null)
                    {
                        imageId = FindImage(scanned.Hash)
                            ?? throw new InvalidOperationException($"content {scanned.Hash} of {scanned.Path} is not in the catalog");
                        linked++;
                    }
                    else
                    {
                        newImages++;
                        newImageIds[scanned.Hash] = imageId.Value;
                        if (scanned.Video is not null)
                        {
                            InsertVideo(scanned, imageId.Value, scanned.Video);
                        }
                    }

                    UpsertFile(scanned, imageId.Value);
                    if (scanned.Generation is { } generation)
                    {
                        GenerationWriter.Write(_connection, transaction, imageId.Value, generation);
                    }

                    Execute("DELETE FROM errors WHERE path = $path", ("$path", scanned.Path));
                    break;
                case FileFailed failed:
                    Execute("DELETE FROM files WHERE path = $path", ("$path", failed.Path));
                    Execute(
                        """
                        INSERT INTO errors (path, stage, reason, size, mtime_ticks, at) VALUES ($path, $stage, $reason, $size, $mtime, $at)
                        ON CONFLICT (path) DO UPDATE SET stage = excluded.stage, reason = excluded.reason,
                            size = excluded.size, mtime_ticks = excluded.mtime_ticks, at = excluded.at
                        """,
                        ("$path", failed.Path),
                        ("$stage", failed.Stage.ToString().ToLowerInvariant()),
                        ("$reason", failed.Reason),
                        ("$size", failed.Size),
                        ("$mtime", failed.ModifiedTicks),
                        ("$at", Now()));
                    break;
            }
        }

        transaction.Commit();
        _transaction = null;
        return Task.FromResult(new BatchResult(newImages, linked) { NewImageIds = newImageIds });
    }

    public Task<RemovalResult> RemoveMissingAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
    {
        var removedHashes = new List<ContentHash>();
        using var transaction = _transaction = _connection.BeginTransaction();
        foreach (var path in paths)
        {
            using var command = Command(
                "DELETE FROM files WHERE path = $path RETURNING (SELECT content_hash FROM images WHERE images.id = files.image_id)");
            command.Parameters.AddWithValue("$path", path);
            if (command.ExecuteScalar() is byte[] hash)
            {
                removedHashes.Add(ContentHash.FromBytes(hash));
            }

            Execute("DELETE FROM errors WHERE path = $path", ("$path", path));
        }

        var pruned = Execute("DELETE FROM images WHERE kind IN ('image', 'video') AND NOT EXISTS (SELECT 1 FROM files WHERE files.image_id = images.id)");
        transaction.Commit();
        _transaction = null;
        return Task.FromResult(new RemovalResult(removedHashes, pruned));
    }

    public Task FinishScanAsync(long scanId, ScanSummary summary, CancellationToken cancellationToken)
    {
        Execute(
            "UPDATE scans SET finished_at = $at, completed = $completed, summary_json = $summary WHERE id = $id",
            ("$at", Now()),
            ("$completed", summary.Completed ? 1 : 0),
            ("$summary", JsonSerializer.Serialize(summary)),
            ("$id", scanId));
        return Task.CompletedTask;
    }

    public void Dispose() => _connection.Dispose();

    private long? InsertImage(FileScanned scanned) =>
        InsertImage(scanned.Hash, scanned.Facts!, scanned.Size, scanned.Video is null ? "image" : "video", null, null);

    /// <summary>The video's stream facts, then one image row per frame (no file row: frames live and die with their video).</summary>
    private void InsertVideo(FileScanned scanned, long videoId, VideoFacts video)
    {
        Execute(
            """
            INSERT OR REPLACE INTO videos (image_id, duration_ms, fps, width, height, codec, frame_count, texts_json, notes_json)
            VALUES ($id, $duration, $fps, $width, $height, $codec, $frames, $texts, $notes)
            """,
            ("$id", videoId),
            ("$duration", video.Info.DurationMs),
            ("$fps", video.Info.Fps),
            ("$width", video.Info.Width),
            ("$height", video.Info.Height),
            ("$codec", video.Info.Codec),
            ("$frames", video.Info.FrameCount is { } count ? count : DBNull.Value),
            ("$texts", video.MetadataTexts.Count > 0 ? JsonSerializer.Serialize(video.MetadataTexts, _readableJson) : DBNull.Value),
            ("$notes", video.Notes.Count > 0 ? JsonSerializer.Serialize(video.Notes, _readableJson) : DBNull.Value));
        foreach (var frame in video.Frames)
        {
            var hash = FrameFacts.HashOf(scanned.Hash, frame.TimestampMs);
            if (InsertImage(hash, frame.Facts, frame.Image.LongLength, "video_frame", videoId, frame.TimestampMs) is { } frameId)
            {
                Execute("INSERT OR REPLACE INTO frame_pixels (image_id, image) VALUES ($id, $image)", ("$id", frameId), ("$image", frame.Image));
            }
        }
    }

    private long? InsertImage(ContentHash hash, ImageFacts facts, long size, string kind, long? videoId, long? timestampMs)
    {
        using var command = Command(
            """
            INSERT INTO images (content_hash, format, width, height, byte_size, phash, dhash, kind, video_id, timestamp_ms, added_at)
            VALUES ($hash, $format, $width, $height, $size, $phash, $dhash, $kind, $video, $timestamp, $at)
            ON CONFLICT (content_hash) DO NOTHING
            RETURNING id
            """);
        command.Parameters.AddWithValue("$hash", hash.ToBytes());
        command.Parameters.AddWithValue("$format", facts.Format.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("$width", facts.Width);
        command.Parameters.AddWithValue("$height", facts.Height);
        command.Parameters.AddWithValue("$size", size);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$video", videoId is { } v ? v : DBNull.Value);
        command.Parameters.AddWithValue("$timestamp", timestampMs is { } t ? t : DBNull.Value);
        command.Parameters.AddWithValue("$phash", unchecked((long)facts.PHash));
        command.Parameters.AddWithValue("$dhash", unchecked((long)facts.DHash));
        command.Parameters.AddWithValue("$at", Now());
        if (command.ExecuteScalar() is not long id)
        {
            // Two new copies of one content in the same batch: the first one inserted it.
            return null;
        }

        Execute("INSERT OR REPLACE INTO thumbnails (image_id, webp) VALUES ($id, $webp)", ("$id", id), ("$webp", facts.Thumbnail));
        return id;
    }

    private long? FindImage(ContentHash hash)
    {
        using var command = Command("SELECT id FROM images WHERE content_hash = $hash");
        command.Parameters.AddWithValue("$hash", hash.ToBytes());
        return command.ExecuteScalar() as long?;
    }

    private void UpsertFile(FileScanned scanned, long imageId) =>
        Execute(
            """
            INSERT INTO files (path, image_id, size, mtime_ticks, last_scan_id, metadata_read, device, inode, ctime_ticks)
            VALUES ($path, $image, $size, $mtime, $scan, $metadataRead, $device, $inode, $ctime)
            ON CONFLICT (path) DO UPDATE SET image_id = excluded.image_id, size = excluded.size,
                mtime_ticks = excluded.mtime_ticks, last_scan_id = excluded.last_scan_id, metadata_read = excluded.metadata_read,
                device = excluded.device, inode = excluded.inode, ctime_ticks = excluded.ctime_ticks
            """,
            ("$path", scanned.Path),
            ("$image", imageId),
            ("$size", scanned.Size),
            ("$mtime", scanned.ModifiedTicks),
            ("$scan", _scanId == 0 ? DBNull.Value : _scanId),
            ("$metadataRead", scanned.Generation is null ? 0 : 1),
            ("$device", scanned.Identity is { } id ? id.Device : DBNull.Value),
            ("$inode", scanned.Identity is { } ino ? ino.Inode : DBNull.Value),
            ("$ctime", scanned.Identity is { } changed ? changed.ChangeTicks : DBNull.Value));

    /// <summary>Each root as "/root" and "/root/", worked out once per snapshot rather than once per catalogued file.</summary>
    private static (string Exact, string Prefix)[] Prefixes(IReadOnlyList<string> roots) =>
        roots.Select(r => r.TrimEnd(Path.DirectorySeparatorChar)).Select(t => (t, t + Path.DirectorySeparatorChar)).ToArray();

    private static bool IsUnder(string path, (string Exact, string Prefix)[] roots)
    {
        foreach (var (exact, prefix) in roots)
        {
            if (path == exact || path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }

    private int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }
}
