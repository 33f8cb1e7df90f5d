using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Core.VectorIndex;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage.VectorIndex;

/// <summary>
/// The vector index of one model, kept beside the catalog (<c>catalog.db</c> → <c>catalog.&lt;model&gt;.usearch</c> plus a
/// <c>.header.json</c>) and derived from its <c>embeddings</c> table. Opening appends rows added since the last save and
/// rebuilds a missing, corrupt or mismatched file; searching never returns an image that is no longer in the catalog.
/// Searches run concurrently; <see cref="RefreshAsync"/>, adds, removes and saves take the store exclusively.
/// </summary>
public sealed partial class VectorIndexStore : IVectorIndex
{
    private const string HnswKind = "hnsw";
    private static readonly JsonSerializerOptions HeaderJson = new() { WriteIndented = true };

    private readonly CatalogDatabase _catalog;
    private readonly VectorIndexOptions _options;
    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.NoRecursion);
    private IVectorIndex _index;
    /// <summary>The live image ids; null while every vector in the index is live (an unchanged file, opened without reading its keys).</summary>
    private HashSet<long>? _live;
    private long _deadInIndex;
    private long _highWaterMark;

    private VectorIndexStore(CatalogDatabase catalog, string modelId, int dimensions, VectorIndexOptions options)
    {
        _catalog = catalog;
        _options = options;
        ModelId = modelId;
        Dimensions = dimensions;
        IndexPath = IndexPathFor(catalog.Path, modelId);
        _index = new ExactIndex(dimensions);
        _live = [];
    }

    public string ModelId { get; }

    public int Dimensions { get; }

    /// <summary>Where the HNSW file lives (absent while the store searches exactly).</summary>
    public string IndexPath { get; }

    public string HeaderPath => HeaderPathFor(IndexPath);

    /// <summary>What the last open or refresh did.</summary>
    public IndexOpenReport LastReport { get; private set; } = new(IndexOpenAction.Exact, null, 0, 0, TimeSpan.Zero);

    /// <summary>True while the store searches exactly (fewer vectors than <see cref="VectorIndexOptions.ExactThreshold"/>).</summary>
    public bool IsExact => _index is ExactIndex;

    /// <summary>Live vectors: images that are in the catalog and in the index.</summary>
    public long Count
    {
        get
        {
            _gate.EnterReadLock();
            try
            {
                return _index.Count - _deadInIndex;
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
    }

    /// <summary>The largest <c>embeddings.seq</c> read so far.</summary>
    public long HighWaterMark => Volatile.Read(ref _highWaterMark);

    /// <summary>The index file for <paramref name="modelId"/> beside <paramref name="catalogPath"/>.</summary>
    public static string IndexPathFor(string catalogPath, string modelId)
    {
        var full = Path.GetFullPath(catalogPath);
        var stem = Path.Combine(Path.GetDirectoryName(full) ?? ".", Path.GetFileNameWithoutExtension(full));
        var safe = string.Concat(modelId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return $"{stem}.{safe}.usearch";
    }

    /// <summary>
    /// Opens the index of <paramref name="modelId"/> (vectors of <paramref name="dimensions"/>), loading, appending to or
    /// rebuilding its file as needed.
    /// </summary>
    public static Task<VectorIndexStore> OpenAsync(
        CatalogDatabase catalog,
        string modelId,
        int dimensions,
        VectorIndexOptions? options,
        IProgress<StageProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        options ??= new VectorIndexOptions();
        options.Hnsw.Validate();
        return Task.Run(
            () =>
            {
                var store = new VectorIndexStore(catalog, modelId, dimensions, options);
                try
                {
                    store.Open(progress, cancellationToken);
                    return store;
                }
                catch
                {
                    store.Dispose();
                    throw;
                }
            },
            cancellationToken);
    }

    /// <summary>Catches up with the catalog: appends new vectors, hides deleted images, compacts when many were deleted.</summary>
    public Task<IndexOpenReport> RefreshAsync(IProgress<StageProgress>? progress, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                _gate.EnterWriteLock();
                try
                {
                    var clock = Stopwatch.StartNew();
                    using var connection = _catalog.Connect();
                    var report = Synchronise(connection, IsExact ? IndexOpenAction.Exact : IndexOpenAction.Loaded, null, progress, cancellationToken);
                    return LastReport = report with { Elapsed = clock.Elapsed };
                }
                finally
                {
                    _gate.ExitWriteLock();
                }
            },
            cancellationToken);

    /// <summary>Writes the index file and its header atomically (temp files, then renames). Nothing to write while exact.</summary>
    public Task SaveAsync(CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                _gate.EnterReadLock();
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    SaveLocked();
                }
                finally
                {
                    _gate.ExitReadLock();
                }
            },
            cancellationToken);

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        _gate.EnterReadLock();
        try
        {
            var live = _live;
            Func<long, bool>? accept = (filter, _deadInIndex) switch
            {
                (null, 0) => null,
                (null, _) => live!.Contains,
                _ when live is null => filter,
                _ => key => live.Contains(key) && filter(key),
            };
            var hits = _index.Search(query, k, accept);
            if (hits.Count >= k || accept is null || _index is ExactIndex)
            {
                return hits;
            }

            // A selective filter can starve the graph walk: when more matching images exist than it found, rank them exactly.
            var matching = (live ?? ReadLiveKeys()).Where(accept).ToList();
            return matching.Count > hits.Count ? RankExactly(query, k, matching) : hits;
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Adds a vector to the index only (the catalog is not written); the image counts as live.</summary>
    public void Add(long key, ReadOnlySpan<float> vector)
    {
        _gate.EnterWriteLock();
        try
        {
            _index.Add(key, vector);
            _live?.Add(key);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public void AddRange(ReadOnlySpan<long> keys, ReadOnlySpan<float> vectors)
    {
        _gate.EnterWriteLock();
        try
        {
            _index.AddRange(keys, vectors);
            if (_live is not null)
            {
                foreach (var key in keys)
                {
                    _live.Add(key);
                }
            }
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public bool Remove(long key)
    {
        _gate.EnterWriteLock();
        try
        {
            if (_live is null)
            {
                return _index.Remove(key);
            }

            var live = _live.Remove(key);
            var removed = _index.Remove(key);
            if (!live && removed)
            {
                _deadInIndex--;
            }

            return live || removed;
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public bool Contains(long key)
    {
        _gate.EnterReadLock();
        try
        {
            return (_live?.Contains(key) ?? true) && _index.Contains(key);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    public bool TryGetVector(long key, Span<float> destination)
    {
        _gate.EnterReadLock();
        try
        {
            return (_live?.Contains(key) ?? true) && _index.TryGetVector(key, destination);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Writes the inner index to <paramref name="path"/> without a header; see <see cref="SaveAsync"/> for the managed file.</summary>
    public void Save(string path)
    {
        _gate.EnterReadLock();
        try
        {
            _index.Save(path);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>The stored vector of <paramref name="imageId"/> read from the catalog (for "similar to this image"); null when absent.</summary>
    public float[]? ReadStoredVector(long imageId)
    {
        using var connection = _catalog.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq FROM embeddings WHERE model_id = $model AND image_id = $image";
        command.Parameters.AddWithValue("$model", ModelId);
        command.Parameters.AddWithValue("$image", imageId);
        if (command.ExecuteScalar() is not long seq)
        {
            return null;
        }

        var skipped = new StrongBox<long>();
        foreach (var (_, vectors, _) in EmbeddingRows.ReadVectors(connection, ModelId, Dimensions, 0, [seq], 1, skipped, CancellationToken.None))
        {
            return vectors;
        }

        return null;
    }

    public void Dispose()
    {
        _index.Dispose();
        _gate.Dispose();
    }

    private HashSet<long> ReadLiveKeys()
    {
        using var connection = _catalog.Connect();
        return [.. EmbeddingRows.ReadKeys(connection, ModelId, CancellationToken.None).Select(row => row.ImageId)];
    }

    private List<VectorHit> RankExactly(ReadOnlySpan<float> query, int k, List<long> keys)
    {
        using var exact = new ExactIndex(Dimensions, VectorPrecision.Float32, keys.Count);
        var vector = new float[Dimensions];
        foreach (var key in keys)
        {
            if (_index.TryGetVector(key, vector))
            {
                exact.Add(key, vector);
            }
        }

        return [.. exact.Search(query, k)];
    }

    private void SaveLocked()
    {
        if (_index is not HnswIndex hnsw)
        {
            return;
        }

        var folder = Path.GetDirectoryName(IndexPath)!;
        var temporaryIndex = Path.Combine(folder, $".{Path.GetFileName(IndexPath)}.{Guid.NewGuid():N}.tmp");
        var temporaryHeader = temporaryIndex + ".json";
        try
        {
            hnsw.Save(temporaryIndex);
            FlushToDisk(temporaryIndex);
            var header = new IndexHeader(
                IndexHeader.CurrentFormatVersion,
                ModelId,
                Dimensions,
                hnsw.Count,
                HighWaterMark,
                HnswKind,
                hnsw.Precision,
                _options.Hnsw.Connectivity,
                _options.Hnsw.ExpansionAdd,
                new FileInfo(temporaryIndex).Length);
            File.WriteAllText(temporaryHeader, JsonSerializer.Serialize(header, HeaderJson));
            FlushToDisk(temporaryHeader);

            // The index goes first: a crash between the renames leaves an old header whose size check fails, so the next
            // open rebuilds rather than trusting a mismatched pair.
            File.Move(temporaryIndex, IndexPath, overwrite: true);
            File.Move(temporaryHeader, HeaderPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporaryIndex);
            File.Delete(temporaryHeader);
        }
    }

    private static void FlushToDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        stream.Flush(flushToDisk: true);
    }

    private static string HeaderPathFor(string indexPath) => indexPath + ".header.json";
}
