namespace DrawingFromDiffusion.Core.Video;

/// <summary>One frame taken from a video, encoded (JPEG from ffmpeg, WebP from animations) at reduced size so the image path can analyse it.</summary>
public sealed record SampledFrame(long TimestampMs, byte[] Image);
