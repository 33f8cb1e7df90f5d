namespace DrawingFromDiffusion.Core.Library;

/// <param name="Found">files seen by the folder walk so far.</param>
/// <param name="WalkFinished">whether <paramref name="Found"/> is final (an ETA is possible).</param>
/// <param name="Done">files settled: committed, unchanged, ignored or failed.</param>
/// <param name="Failed">files that failed in this run.</param>
public sealed record ScanProgress(int Found, bool WalkFinished, int Done, int Failed, TimeSpan Elapsed, string? CurrentPath);
