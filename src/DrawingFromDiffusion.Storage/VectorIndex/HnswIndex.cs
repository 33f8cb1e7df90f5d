using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.VectorIndex;

namespace DrawingFromDiffusion.Storage.VectorIndex;

/// <summary>
/// An HNSW graph in USearch (inner-product metric over L2-normalised vectors, so distance = 1 − cosine).
/// Searches run concurrently; adds, removes and saves take the index exclusively.
/// </summary>
public sealed class HnswIndex : IVectorIndex
{
    private const long MinimumCapacity = 1024;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly HnswOptions _options;
    private nint _handle;

    private HnswIndex(nint handle, int dimensions, HnswOptions options, bool view = false)
    {
        _handle = handle;
        _options = options;
        Dimensions = dimensions;
        IsView = view;
    }

    ~HnswIndex() => Release();

    public int Dimensions { get; }

    public VectorPrecision Precision => _options.Precision;

    public int Connectivity => Read(NativeMethods.Connectivity);

    public int ExpansionAdd => Read(NativeMethods.ExpansionAdd);

    /// <summary>ef_search for the following searches; changing it waits for running searches to finish.</summary>
    public int ExpansionSearch
    {
        get => Read(NativeMethods.ExpansionSearch);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Write(handle => NativeMethods.ChangeExpansionSearch(handle, value));
        }
    }

    public long Count => Read(NativeMethods.Size);

    /// <summary>Bytes held by the graph and vectors in memory.</summary>
    public long MemoryUsage => Read(NativeMethods.MemoryUsage);

    /// <summary>The native library version, e.g. "2.26.6".</summary>
    public static string? NativeVersion => NativeMethods.Version();

    public static HnswIndex Create(int dimensions, HnswOptions? options = null, long capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        options ??= new HnswOptions();
        options.Validate();
        var handle = NativeMethods.Create(
            dimensions, options.Precision, options.Connectivity, options.ExpansionAdd, options.ExpansionSearch);
        var index = new HnswIndex(handle, dimensions, options);
        try
        {
            index.Grow(Math.Max(capacity, MinimumCapacity));
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>True for an index memory-mapped by <see cref="View"/>: it answers searches and refuses adds and removes.</summary>
    public bool IsView { get; }

    /// <summary>Loads a file written by <see cref="Save"/> into memory.</summary>
    /// <exception cref="VectorIndexException">the file is missing, corrupt, or not of these dimensions and precision.</exception>
    public static HnswIndex Load(string path, int dimensions, HnswOptions? options = null) => Open(path, dimensions, options, view: false);

    /// <summary>
    /// Memory-maps a file written by <see cref="Save"/> (USearch's <c>usearch_view</c>): opening reads nothing up front and the
    /// pages stay in the page cache, shared and evictable, so a 1M-vector file costs no private memory. The view is
    /// read-only: <see cref="Add"/>, <see cref="AddRange"/> and <see cref="Remove"/> throw; load the file to change it.
    /// The file must not be rewritten in place while viewed (saves replace it by rename, which leaves the view intact).
    /// </summary>
    /// <exception cref="VectorIndexException">the file is missing, corrupt, or not of these dimensions and precision.</exception>
    public static HnswIndex View(string path, int dimensions, HnswOptions? options = null) => Open(path, dimensions, options, view: true);

    private static HnswIndex Open(string path, int dimensions, HnswOptions? options, bool view)
    {
        options ??= new HnswOptions();
        options.Validate();
        if (!File.Exists(path))
        {
            throw new VectorIndexException($"Index file {path} does not exist.");
        }

        var (fileDimensions, filePrecision, innerProduct) = NativeMethods.ReadMetadata(path);
        if (fileDimensions != dimensions || filePrecision != options.Precision || !innerProduct)
        {
            throw new VectorIndexException(
                $"Index file {path} holds {fileDimensions}-d {filePrecision?.ToString() ?? "unknown"} vectors; " +
                $"expected {dimensions}-d {options.Precision} with the inner-product metric.");
        }

        var handle = NativeMethods.Create(
            dimensions, options.Precision, options.Connectivity, options.ExpansionAdd, options.ExpansionSearch);
        var index = new HnswIndex(handle, dimensions, options, view);
        try
        {
            if (view)
            {
                NativeMethods.View(handle, path);
            }
            else
            {
                NativeMethods.Load(handle, path);
            }

            if (NativeMethods.Dimensions(handle) != dimensions)
            {
                throw new VectorIndexException($"Index file {path} does not hold {dimensions}-d vectors.");
            }

            NativeMethods.ChangeExpansionAdd(handle, options.ExpansionAdd);
            NativeMethods.ChangeExpansionSearch(handle, options.ExpansionSearch);
            if (view)
            {
                NativeMethods.ChangeThreads(handle, 1, options.ThreadsSearch);
            }
            else
            {
                index.Grow(Math.Max(NativeMethods.Size(handle) + MinimumCapacity, MinimumCapacity));
            }

            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    public void Add(long key, ReadOnlySpan<float> vector)
    {
        CheckDimensions(vector.Length);
        CheckWritable();
        _lock.EnterWriteLock();
        try
        {
            var handle = LiveHandle();
            NativeMethods.Remove(handle, key);
            EnsureRoom(1);
            NativeMethods.Add(handle, key, vector);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void AddRange(ReadOnlySpan<long> keys, ReadOnlySpan<float> vectors)
    {
        if ((long)keys.Length * Dimensions != vectors.Length)
        {
            throw new ArgumentException($"Expected {keys.Length} × {Dimensions} floats, got {vectors.Length}.", nameof(vectors));
        }

        CheckWritable();
        if (keys.IsEmpty)
        {
            return;
        }

        _lock.EnterWriteLock();
        try
        {
            var handle = LiveHandle();
            foreach (var key in keys)
            {
                NativeMethods.Remove(handle, key);
            }

            EnsureRoom(keys.Length);
            NativeMethods.AddRows(handle, keys, vectors, Dimensions, _options.ThreadsAdd);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(long key)
    {
        CheckWritable();
        _lock.EnterWriteLock();
        try
        {
            return NativeMethods.Remove(LiveHandle(), key);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Contains(long key) => Read(handle => NativeMethods.Contains(handle, key));

    public bool TryGetVector(long key, Span<float> destination)
    {
        CheckDimensions(destination.Length);
        _lock.EnterReadLock();
        try
        {
            return NativeMethods.Get(LiveHandle(), key, destination);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null)
    {
        CheckDimensions(query.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var keys = new ulong[k];
        var distances = new float[k];
        int found;
        _lock.EnterReadLock();
        try
        {
            var handle = LiveHandle();
            found = filter is null
                ? NativeMethods.Search(handle, query, keys, distances)
                : NativeMethods.FilteredSearch(handle, query, filter, keys, distances);
        }
        finally
        {
            _lock.ExitReadLock();
        }

        var hits = new VectorHit[found];
        for (var i = 0; i < found; i++)
        {
            hits[i] = new VectorHit((long)keys[i], distances[i]);
        }

        return hits;
    }

    public void Save(string path)
    {
        _lock.EnterReadLock();
        try
        {
            NativeMethods.Save(LiveHandle(), path);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose()
    {
        if (_handle == 0)
        {
            return;
        }

        _lock.EnterWriteLock();
        try
        {
            Release();
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        var handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0)
        {
            NativeMethods.Free(handle);
        }
    }

    private nint LiveHandle() => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(HnswIndex));

    private void EnsureRoom(long incoming)
    {
        var handle = LiveHandle();
        var needed = NativeMethods.Size(handle) + incoming;
        var capacity = NativeMethods.Capacity(handle);
        if (needed > capacity)
        {
            Grow(Math.Max(needed, capacity + (capacity / 2)));
        }
    }

    private void Grow(long capacity)
    {
        var handle = LiveHandle();
        NativeMethods.Reserve(handle, capacity);
        // Reserving sizes the per-thread contexts too, so thread counts are set again afterwards.
        NativeMethods.ChangeThreads(handle, _options.ThreadsAdd, _options.ThreadsSearch);
    }

    private T Read<T>(Func<nint, T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read(LiveHandle());
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void Write(Action<nint> write)
    {
        _lock.EnterWriteLock();
        try
        {
            write(LiveHandle());
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void CheckWritable()
    {
        if (IsView)
        {
            throw new InvalidOperationException("This index is a read-only memory-mapped view of its file; load the file to add or remove vectors.");
        }
    }

    private void CheckDimensions(int length)
    {
        if (length != Dimensions)
        {
            throw new ArgumentException($"Expected a {Dimensions}-dimensional vector, got {length}.");
        }
    }
}
