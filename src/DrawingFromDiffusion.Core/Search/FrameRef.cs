namespace DrawingFromDiffusion.Core.Search;

/// <summary>Where a video_frame image comes from.</summary>
public readonly record struct FrameRef(long VideoId, long TimestampMs);
