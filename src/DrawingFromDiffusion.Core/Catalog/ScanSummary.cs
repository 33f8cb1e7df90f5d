namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>What a scan did, printed at the end and stored in the scans table.</summary>
public sealed record ScanSummary
{
    public int Found { get; init; }
    public int Added { get; init; }
    public int Updated { get; init; }
    public int Moved { get; init; }
    public int Unchanged { get; init; }
    public int Removed { get; init; }
    public int Failed { get; init; }

    /// <summary>Files that failed before and have not changed since: not retried.</summary>
    public int FailedUnchanged { get; init; }
    public int Ignored { get; init; }
    public int ImagesPruned { get; init; }
    public bool Completed { get; init; }
    public TimeSpan Elapsed { get; init; }
}
