namespace DrawingFromDiffusion.Core.Library;

/// <param name="Found">files seen by the folder walk so far.</param>
/// <param name="WalkFinished">whether <paramref name="Found"/> is final (an ETA is possible).</param>
/// <param name="Done">files looked at: read and handed to the writer, unchanged, ignored or failed.</param>
/// <param name="Failed">files that failed in this run (counted when committed).</param>
/// <param name="Skipped">files of <paramref name="Done"/> skipped as unchanged (instant): left out of the rate.</param>
public sealed record ScanProgress(int Found, bool WalkFinished, int Done, int Failed, TimeSpan Elapsed, string? CurrentPath, int Skipped = 0);
