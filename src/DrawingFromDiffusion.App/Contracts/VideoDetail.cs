namespace DrawingFromDiffusion.App.Contracts;

/// <summary>The video an image is (kind video) or was taken from (kind video_frame); its file is served as /api/images/{VideoId}/file.</summary>
/// <param name="TimestampMs">for a frame, where to start playing.</param>
public sealed record VideoDetail(long VideoId, long? TimestampMs, long DurationMs, double Fps, int Width, int Height, string Codec, long? FrameCount);
