namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>The port the scanner writes through; SQLite implements it in Storage.</summary>
public interface IImageCatalog
{
    Task<CatalogSnapshot> LoadSnapshotAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken);

    Task<long> StartScanAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken);

    /// <summary>Commits one batch in one transaction; returns per-outcome what changed.</summary>
    Task<BatchResult> WriteBatchAsync(IReadOnlyList<ScanOutcome> batch, CancellationToken cancellationToken);

    /// <summary>Removes files (and error rows) no longer on disk and prunes images left without a file.</summary>
    Task<RemovalResult> RemoveMissingAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken);

    Task FinishScanAsync(long scanId, ScanSummary summary, CancellationToken cancellationToken);
}

public readonly record struct BatchResult(int NewImages, int LinkedToExisting)
{
    /// <summary>The id of each image row this batch inserted, by content.</summary>
    public IReadOnlyDictionary<ContentHash, long>? NewImageIds { get; init; }
}

/// <param name="RemovedFileHashes">the content of each file row deleted (a move shows up as the same content at a new path).</param>
/// <param name="ImagesPruned">image rows left without any file.</param>
public sealed record RemovalResult(IReadOnlyList<ContentHash> RemovedFileHashes, int ImagesPruned);
