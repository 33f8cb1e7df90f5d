namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>The catalog's view of the scanned roots at the start of a scan.</summary>
public sealed class CatalogSnapshot
{
    public required Dictionary<string, FileState> Files { get; init; }

    /// <summary>Files that failed before: retried only when their size or mtime changes.</summary>
    public required Dictionary<string, FileState> Errors { get; init; }

    public required HashSet<ContentHash> KnownHashes { get; init; }
}
