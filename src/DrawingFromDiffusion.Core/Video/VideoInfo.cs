namespace DrawingFromDiffusion.Core.Video;

/// <summary>What the container says about the video stream.</summary>
/// <param name="FrameCount">declared or counted frames; null when the container does not say.</param>
public sealed record VideoInfo(long DurationMs, double Fps, int Width, int Height, string Codec, long? FrameCount);
