using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.Core.Video;

/// <summary>Probes a video or animated image and takes the frames worth indexing.</summary>
public interface IVideoSampler
{
    /// <exception cref="VideoRejectedException">the file cannot be sampled (or the tool is missing); the message says why.</exception>
    Task<VideoSample> SampleAsync(string path, ImageFormat format, VideoSamplingOptions options, CancellationToken cancellationToken);
}
