namespace DrawingFromDiffusion.Core.Video;

/// <summary>How many frames of a video become catalogued images, and how much work one video may cost.</summary>
public sealed record VideoSamplingOptions
{
    /// <summary>At least one frame every this long, whatever the scene detection finds.</summary>
    public TimeSpan FloorInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Never more frames than this per video.</summary>
    public int MaxFrames { get; init; } = 64;

    /// <summary>ffmpeg's scene score (0..1) above which a frame starts a new scene.</summary>
    public double SceneThreshold { get; init; } = 0.3;

    /// <summary>Scene detection decodes every frame; longer videos get the floor only, found by seeking.</summary>
    public TimeSpan SceneDetectionMaxDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Nor on videos with more frames than this (50,000 tiny frames cost more to score than to seek).</summary>
    public long SceneDetectionMaxFrames { get; init; } = 20_000;

    /// <summary>Sampled frames are scaled so their short side is this many pixels (never up).</summary>
    public int FrameShortSide { get; init; } = 288;

    /// <summary>Wall-clock limit for one video; ffmpeg is killed when it is reached.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Animated WebP/GIF: at most this many frames are decoded at all (every frame when smaller).</summary>
    public int MaxAnimationFramesDecoded { get; init; } = 20_000;

    /// <summary>Where ffmpeg and ffprobe live; null searches PATH.</summary>
    public string? FfmpegFolder { get; init; }
}
