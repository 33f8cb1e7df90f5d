using DrawingFromDiffusion.Core.Video;
using DrawingFromDiffusion.Onnx.Imaging;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Video;

/// <summary>
/// Animated WebP and GIF without ffmpeg: every k-th frame through SkiaSharp's codec, k chosen so at
/// most <see cref="VideoSamplingOptions.MaxFrames"/> are kept. Frames are decoded in order into one
/// bitmap because each may draw on the previous one.
/// </summary>
internal static class AnimatedImageSampler
{
    /// <summary>Larger canvases are refused: every frame is decoded at full size.</summary>
    private const long MaxCanvasPixels = 40_000_000;

    public static Task<VideoSample> SampleAsync(string path, VideoSamplingOptions options, CancellationToken cancellationToken) =>
        Task.Run(() => Sample(path, options, cancellationToken), cancellationToken);

    private static VideoSample Sample(string path, VideoSamplingOptions options, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var codec = SKCodec.Create(stream, out var createResult)
            ?? throw new VideoRejectedException($"corrupt or truncated animation: the header cannot be read ({createResult})");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxCanvasPixels)
        {
            throw new VideoRejectedException($"animation canvas {info.Width}×{info.Height} is empty or above {MaxCanvasPixels / 1_000_000} MP");
        }

        var frameInfos = codec.FrameInfo;
        var count = Math.Max(1, codec.FrameCount);
        var durationMs = frameInfos.Sum(f => (long)Math.Max(0, f.Duration));
        var decodable = Math.Min(count, options.MaxAnimationFramesDecoded);
        var step = (int)Math.Ceiling((double)decodable / options.MaxFrames);
        var notes = new List<string>();
        if (decodable < count)
        {
            notes.Add($"only the first {decodable} of {count} frames were decoded");
        }

        var target = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKBitmap(target);
        var (width, height) = FfmpegVideoSampler.ScaledSize(info.Width, info.Height, options.FrameShortSide);
        var frames = new List<SampledFrame>();
        var at = 0L;
        for (var i = 0; i < decodable; i++)
        {
            if (deadline.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                notes.Add($"stopped at the {options.Timeout.TotalSeconds:0.#} s per-video limit after frame {i}");
                break;
            }

            // Frame i may be drawn over frame i-1, which the canvas still holds, unless i-1 restores what came before it.
            var prior = i > 0 && i - 1 < frameInfos.Length && frameInfos[i - 1].DisposalMethod != SKCodecAnimationDisposalMethod.RestorePrevious ? i - 1 : -1;
            var result = codec.GetPixels(target, canvas.GetPixels(), new SKCodecOptions(i, prior));
            if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            {
                notes.Add($"frame {i} cannot be decoded ({result}); later frames skipped");
                break;
            }

            if (i % step == 0)
            {
                frames.Add(new SampledFrame(at, Encode(canvas, width, height)));
            }

            if (result == SKCodecResult.IncompleteInput)
            {
                notes.Add($"the file ends inside frame {i}: truncated");
                break;
            }

            at += i < frameInfos.Length ? Math.Max(0, frameInfos[i].Duration) : 0;
        }

        if (frames.Count == 0)
        {
            throw new VideoRejectedException(notes.Count > 0 ? notes[^1] : "no frame could be decoded");
        }

        var fps = durationMs > 0 ? count * 1000.0 / durationMs : 0;
        var codecName = codec.EncodedFormat.ToString().ToLowerInvariant();
        stream.Position = 0;
        var texts = codec.EncodedFormat == SKEncodedImageFormat.Webp ? WebPExifTexts.Read(stream) : new Dictionary<string, string>();
        return new VideoSample(new VideoInfo(durationMs, fps, info.Width, info.Height, codecName, count), frames, texts, notes);
    }

    private static byte[] Encode(SKBitmap canvas, int width, int height)
    {
        using var small = width == canvas.Width && height == canvas.Height ? canvas.Copy() : SkiaImageDecoder.Resize(canvas, width, height);
        using var image = SKImage.FromBitmap(small);
        using var webp = image.Encode(SKEncodedImageFormat.Webp, 90);
        return webp.ToArray();
    }
}
