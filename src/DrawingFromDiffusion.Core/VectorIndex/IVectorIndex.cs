namespace DrawingFromDiffusion.Core.VectorIndex;

/// <summary>
/// Nearest-neighbour search over L2-normalised vectors keyed by image id. Distances are cosine distances.
/// Searches may run concurrently with each other; mutations must not run concurrently with anything.
/// </summary>
public interface IVectorIndex : IDisposable
{
    int Dimensions { get; }

    /// <summary>Number of vectors held (live entries only).</summary>
    long Count { get; }

    /// <summary>Adds the vector under <paramref name="key"/>, replacing any vector already held under it.</summary>
    void Add(long key, ReadOnlySpan<float> vector);

    /// <summary>
    /// Adds many vectors: <paramref name="vectors"/> holds <c>keys.Length × Dimensions</c> floats, row after row.
    /// Implementations may add in parallel.
    /// </summary>
    void AddRange(ReadOnlySpan<long> keys, ReadOnlySpan<float> vectors);

    /// <summary>Removes the vector under <paramref name="key"/>; false when there was none.</summary>
    bool Remove(long key);

    bool Contains(long key);

    /// <summary>Copies the (possibly dequantised) vector under <paramref name="key"/>; false when there is none.</summary>
    bool TryGetVector(long key, Span<float> destination);

    /// <summary>
    /// The <paramref name="k"/> nearest keys, closest first. With a <paramref name="filter"/>, only keys it accepts are
    /// returned; the filter is applied inside the search, not after it.
    /// </summary>
    IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null);

    /// <summary>Writes the index to <paramref name="path"/> (not atomically: callers that need that write a temp file and rename).</summary>
    void Save(string path);
}
