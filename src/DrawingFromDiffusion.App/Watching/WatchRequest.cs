using DrawingFromDiffusion.App.Indexing;
using DrawingFromDiffusion.Core.Library;

namespace DrawingFromDiffusion.App.Watching;

/// <summary>What `dfd watch` and `dfd serve --watch` keep indexed, and how.</summary>
/// <param name="Folders">the watched folders (recursively).</param>
/// <param name="Scan">the scan settings of `dfd index`; its roots are replaced by the paths that changed.</param>
/// <param name="Embedding">the embedding pass after each batch, as `dfd index` runs it; null: catalog only.</param>
internal sealed record WatchRequest(IReadOnlyList<string> Folders, ScanOptions Scan, EmbeddingRequest? Embedding)
{
    /// <summary>
    /// How often pending files are looked at: a file is indexed once its size and modification time are the same at two
    /// checks in a row (and no event came in between), so a file still being written is not indexed half-written.
    /// </summary>
    public TimeSpan SettleInterval { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>The safety net for missed events: a full incremental rescan of the folders this often (and after an overflow).</summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromMinutes(5);
}
