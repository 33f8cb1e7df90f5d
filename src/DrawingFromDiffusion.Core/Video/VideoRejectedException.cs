namespace DrawingFromDiffusion.Core.Video;

/// <summary>A video that yields no frames; the message is the reason recorded in the errors table.</summary>
public sealed class VideoRejectedException : Exception
{
    public VideoRejectedException(string message, bool toolMissing = false)
        : base(message)
    {
        ToolMissing = toolMissing;
    }

    public VideoRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public VideoRejectedException()
    {
    }

    /// <summary>ffmpeg is not installed: the video is skipped, not broken.</summary>
    public bool ToolMissing { get; }
}
