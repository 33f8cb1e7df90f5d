using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.VectorIndex;

namespace DrawingFromDiffusion.Storage.VectorIndex;

/// <summary>HNSW graph parameters. Defaults are tuned on 100k clustered 512-d vectors (benchmarks/README.md).</summary>
public sealed record HnswOptions
{
    /// <summary>M: links per node. More links, better recall, more memory and a slower build.</summary>
    public int Connectivity { get; init; } = 16;

    /// <summary>ef_construction: candidates kept while linking a new vector.</summary>
    public int ExpansionAdd { get; init; } = 128;

    /// <summary>ef_search: candidates kept while searching; raised to k when k is larger.</summary>
    public int ExpansionSearch { get; init; } = 128;

    /// <summary>Float16 halves memory and file size for a small recall cost.</summary>
    public VectorPrecision Precision { get; init; } = VectorPrecision.Float16;

    /// <summary>Threads that add vectors in <see cref="IVectorIndex.AddRange"/>.</summary>
    public int ThreadsAdd { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>How many searches may run at the same time.</summary>
    public int ThreadsSearch { get; init; } = Math.Max(4, Environment.ProcessorCount);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Connectivity, 2, nameof(Connectivity));
        ArgumentOutOfRangeException.ThrowIfLessThan(ExpansionAdd, 1, nameof(ExpansionAdd));
        ArgumentOutOfRangeException.ThrowIfLessThan(ExpansionSearch, 1, nameof(ExpansionSearch));
        ArgumentOutOfRangeException.ThrowIfLessThan(ThreadsAdd, 1, nameof(ThreadsAdd));
        ArgumentOutOfRangeException.ThrowIfLessThan(ThreadsSearch, 1, nameof(ThreadsSearch));
    }
}
