namespace DrawingFromDiffusion.Core.Search;

/// <summary>One frame of a video that matched a query.</summary>
public sealed record FrameMatch(long FrameId, long TimestampMs, float Distance);
