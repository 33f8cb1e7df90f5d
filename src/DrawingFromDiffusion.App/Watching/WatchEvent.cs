using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.App.Watching;

internal enum WatchEventKind
{
    /// <summary>The catch-up scan is done and the folders are watched.</summary>
    Watching,

    /// <summary>A path changed; it is indexed once it stops changing.</summary>
    Noticed,

    /// <summary>A batch of settled paths (or a rescan) was written to the catalog and embedded.</summary>
    Indexed,

    /// <summary>The watcher lost events (its buffer overflowed); a full rescan follows.</summary>
    Overflow,
}

/// <summary>What the watch service did; <see cref="CatalogVersion"/> grows with every batch that changed the catalog.</summary>
internal sealed record WatchEvent(WatchEventKind Kind, IReadOnlyList<string> Paths)
{
    public ScanSummary? Scan { get; init; }

    /// <summary>Catalogued files removed because their path is gone.</summary>
    public int Removed { get; init; }

    public int Embedded { get; init; }

    /// <summary>A full rescan of the folders rather than a batch of changed paths.</summary>
    public bool Rescan { get; init; }

    /// <summary>Why the embedding pass did not run or failed, for the user.</summary>
    public string? Problem { get; init; }

    public TimeSpan Elapsed { get; init; }

    public long CatalogVersion { get; init; }

    /// <summary>Whether the batch changed what the catalog holds (a page showing it should refresh).</summary>
    public bool Changed => Removed > 0 || Embedded > 0 || Scan is { } s && (s.Added + s.Updated + s.Moved + s.Removed + s.ImagesPruned) > 0;
}
