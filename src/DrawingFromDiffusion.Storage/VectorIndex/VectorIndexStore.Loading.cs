using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Core.VectorIndex;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage.VectorIndex;

/// <summary>Opening the index file: loaded when its header matches the catalog, caught up with newer vectors, or rebuilt.</summary>
public partial class VectorIndexStore
{
    private void Open(IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var connection = _catalog.Connect();
        var liveCount = CountLive(connection);
        IndexOpenReport report;
        if (liveCount < _options.ExactThreshold)
        {
            report = Synchronise(connection, IndexOpenAction.Exact, null, progress, cancellationToken);
        }
        else if (LoadReporting(progress, out var reason))
        {
            report = Synchronise(connection, IndexOpenAction.Loaded, null, progress, cancellationToken);
        }
        else
        {
            report = Rebuild(connection, reason, progress, cancellationToken);
        }

        // Nothing is written beside a catalog opened read-only: the index is rebuilt in memory on each open instead.
        if (_options.SaveAfterOpen && !_catalog.IsReadOnly && report.Action != IndexOpenAction.Exact
            && (report.Action == IndexOpenAction.Rebuilt || report.Appended > 0))
        {
            progress?.Report(StageProgress.Step("vector index: saving"));
            SaveLocked();
            progress?.Report(StageProgress.StepDone("vector index: saving"));
        }

        LastReport = report with { Elapsed = clock.Elapsed };
    }

    private bool LoadReporting(IProgress<StageProgress>? progress, out string reason)
    {
        progress?.Report(StageProgress.Step("vector index: loading"));
        var loaded = TryLoad(_options.ViewFile, out reason);
        progress?.Report(StageProgress.StepDone("vector index: loading"));
        return loaded;
    }

    private bool TryLoad(bool view, out string reason)
    {
        if (!File.Exists(IndexPath))
        {
            reason = "no index file";
            return false;
        }

        IndexHeader? header;
        try
        {
            header = JsonSerializer.Deserialize<IndexHeader>(File.ReadAllText(HeaderPath), HeaderJson);
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
        {
            reason = $"unreadable header ({exception.Message})";
            return false;
        }

        reason = header switch
        {
            null => "empty header",
            { FormatVersion: not IndexHeader.CurrentFormatVersion } => $"header format {header.FormatVersion}",
            _ when header.ModelId != ModelId => $"built for model {header.ModelId}",
            _ when header.Dimensions != Dimensions => $"built for {header.Dimensions} dimensions",
            _ when header.Kind != HnswKind => $"kind {header.Kind}",
            _ when header.Precision != _options.Hnsw.Precision => $"stored as {header.Precision}",
            _ when header.Connectivity != _options.Hnsw.Connectivity => $"built with M={header.Connectivity}",
            _ when header.IndexBytes != new FileInfo(IndexPath).Length => "index file size differs from its header",
            _ => string.Empty,
        };
        if (reason.Length > 0)
        {
            return false;
        }

        try
        {
            var loaded = view ? HnswIndex.View(IndexPath, Dimensions, _options.Hnsw) : HnswIndex.Load(IndexPath, Dimensions, _options.Hnsw);
            if (loaded.Count != header!.Count)
            {
                loaded.Dispose();
                reason = $"index holds {loaded.Count} vectors, header says {header.Count}";
                return false;
            }

            _index.Dispose();
            _index = loaded;
            _highWaterMark = header.HighWaterMark;
            return true;
        }
        catch (VectorIndexException exception)
        {
            reason = $"corrupt index file ({exception.Message})";
            return false;
        }
    }

    /// <summary>
    /// Brings the loaded index up to the catalog: rows above the high-water mark are (re)added, live images missing from the
    /// index are added (a seq can be reused after the newest row is deleted), and images no longer in the catalog are hidden.
    /// </summary>
    private IndexOpenReport Synchronise(
        SqliteConnection connection,
        IndexOpenAction action,
        string? reason,
        IProgress<StageProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (action == IndexOpenAction.Loaded && _index is HnswIndex && Unchanged(connection))
        {
            // Nothing added or deleted since the file was saved (seq is never reused): skip reading every key, which on a
            // 1M catalog costs more than opening the file.
            _live = null;
            _deadInIndex = 0;
            return new IndexOpenReport(action, reason, 0, 0, TimeSpan.Zero);
        }

        var rows = EmbeddingRows.ReadKeys(connection, ModelId, cancellationToken);
        if (_index is ExactIndex && rows.Count >= _options.ExactThreshold)
        {
            return Rebuild(connection, "grew past the exact-search threshold", progress, cancellationToken);
        }

        var live = new HashSet<long>(rows.Count);
        var missing = new List<long>();
        long containedLive = 0;
        long newer = 0;
        foreach (var (seq, imageId) in rows)
        {
            live.Add(imageId);
            var contained = _index.Contains(imageId);
            if (contained)
            {
                containedLive++;
            }

            if (seq > _highWaterMark)
            {
                newer++;
            }
            else if (!contained)
            {
                missing.Add(seq);
            }
        }

        var dead = _index.Count - containedLive;
        var compact = _index is HnswIndex && _index.Count > 0 && dead > _options.CompactionRatio * _index.Count;
        if (_index is HnswIndex { IsView: true } && (compact || newer > 0 || missing.Count > 0))
        {
            // A view takes no rows: load the file into memory (a file changed since it was viewed is rebuilt) and catch up there.
            return TryLoad(view: false, out var why)
                ? Synchronise(connection, action, reason, progress, cancellationToken)
                : Rebuild(connection, why, progress, cancellationToken);
        }

        if (compact)
        {
            return Rebuild(connection, $"{dead} deleted images in the index", progress, cancellationToken);
        }

        var skipped = new StrongBox<long>();
        var total = newer + missing.Count;
        long appended = 0;
        var highWaterMark = _highWaterMark;
        foreach (var (keys, vectors, maxSeq) in EmbeddingRows.ReadVectors(
                     connection, ModelId, Dimensions, _highWaterMark, null, _options.BatchSize, skipped, cancellationToken)
                     .Concat(missing.Count == 0
                         ? []
                         : EmbeddingRows.ReadVectors(connection, ModelId, Dimensions, 0, missing, _options.BatchSize, skipped, cancellationToken)))
        {
            _index.AddRange(keys, vectors);
            appended += keys.Length;
            highWaterMark = Math.Max(highWaterMark, maxSeq);
            progress?.Report(new StageProgress("vector index: adding", appended, total, "vectors"));
        }

        if (rows.Count > 0)
        {
            highWaterMark = Math.Max(highWaterMark, rows[^1].Seq);
        }

        _live = live;
        _deadInIndex = dead;
        Volatile.Write(ref _highWaterMark, highWaterMark);
        return new IndexOpenReport(action, reason, appended, skipped.Value, TimeSpan.Zero);
    }

    private IndexOpenReport Rebuild(
        SqliteConnection connection, string reason, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var total = CountLive(connection);
        IVectorIndex fresh = total < _options.ExactThreshold
            ? new ExactIndex(Dimensions)
            : HnswIndex.Create(Dimensions, _options.Hnsw, total);
        try
        {
            var previous = _index;
            _index = fresh;
            _highWaterMark = 0;
            previous.Dispose();
        }
        catch
        {
            fresh.Dispose();
            throw;
        }

        progress?.Report(new StageProgress("vector index: building", 0, total, "vectors"));
        var skipped = new StrongBox<long>();
        long added = 0;
        long highWaterMark = 0;
        foreach (var (keys, vectors, maxSeq) in EmbeddingRows.ReadVectors(
                     connection, ModelId, Dimensions, 0, null, _options.BatchSize, skipped, cancellationToken))
        {
            _index.AddRange(keys, vectors);
            added += keys.Length;
            highWaterMark = maxSeq;
            progress?.Report(new StageProgress("vector index: building", added, total, "vectors"));
        }

        _highWaterMark = highWaterMark;
        var report = Synchronise(connection, IndexOpenAction.Rebuilt, reason, progress, cancellationToken);
        return report with { Action = IsExact ? IndexOpenAction.Exact : IndexOpenAction.Rebuilt, Reason = reason, Appended = added + report.Appended, Skipped = skipped.Value + report.Skipped };
    }

    /// <summary>The catalog holds exactly the rows the index was built from: as many, and none newer.</summary>
    private bool Unchanged(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(max(seq), 0) FROM embeddings WHERE model_id = $model";
        command.Parameters.AddWithValue("$model", ModelId);
        using var reader = command.ExecuteReader();
        reader.Read();
        return reader.GetInt64(0) == _index.Count && reader.GetInt64(1) == _highWaterMark;
    }

    private long CountLive(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM embeddings WHERE model_id = $model";
        command.Parameters.AddWithValue("$model", ModelId);
        return (long)command.ExecuteScalar()!;
    }
}
