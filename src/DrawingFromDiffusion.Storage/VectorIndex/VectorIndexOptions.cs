namespace DrawingFromDiffusion.Storage.VectorIndex;

/// <summary>How <see cref="VectorIndexStore"/> picks, builds and maintains an index.</summary>
public sealed record VectorIndexOptions
{
    public HnswOptions Hnsw { get; init; } = new();

    /// <summary>Below this many vectors the store searches exactly and keeps no index file.</summary>
    public int ExactThreshold { get; init; } = 5000;

    /// <summary>Share of deleted images still in the graph above which the index is rebuilt (compacted) on open or refresh.</summary>
    public double CompactionRatio { get; init; } = 0.2;

    /// <summary>Vectors read from the catalog and added per batch.</summary>
    public int BatchSize { get; init; } = 4096;

    /// <summary>
    /// Memory-map the index file read-only (<see cref="HnswIndex.View"/>) instead of loading it: for read paths (search,
    /// similar, dupes), which then open a 1M-vector file in milliseconds with no private copy. When the catalog holds vectors
    /// the file lacks, or enough deleted ones to compact, the store loads (or rebuilds) the file in memory and catches up there.
    /// </summary>
    public bool ViewFile { get; init; }

    /// <summary>Write the index file back after opening when vectors were appended or it was rebuilt.</summary>
    public bool SaveAfterOpen { get; init; } = true;
}
