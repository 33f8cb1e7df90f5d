namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>A video's sampled frames in time order, as the catalog holds them.</summary>
public sealed record VideoHashes(long VideoId, long DurationMs, IReadOnlyList<FrameHash> Frames);
