using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Core.Video;
using DrawingFromDiffusion.Onnx.Video;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Tests.Video;

public sealed class FfmpegVideoSamplerTests(TestVideos videos) : IClassFixture<TestVideos>
{
    private readonly FfmpegVideoSampler _sampler = new();

    [Fact]
    public async Task SampleAsync_SceneCuts_TakesFirstFrameAndEachCut()
    {
        var options = new VideoSamplingOptions { FloorInterval = TimeSpan.FromSeconds(5) };

        var sample = await _sampler.SampleAsync(videos.Scenes, ImageFormat.Mp4, options, CancellationToken.None);

        Assert.Equal(3, sample.Frames.Count);
        Assert.Equal(0, sample.Frames[0].TimestampMs);
        Assert.InRange(sample.Frames[1].TimestampMs, 1900, 2100);
        Assert.InRange(sample.Frames[2].TimestampMs, 3900, 4100);
        Assert.InRange(sample.Info.DurationMs, 5900, 6100);
        Assert.Equal(10, sample.Info.Fps, 1);
        Assert.Equal((128, 96, "h264"), (sample.Info.Width, sample.Info.Height, sample.Info.Codec));
    }

    [Fact]
    public async Task SampleAsync_SceneCut_FrameShowsTheNewScene()
    {
        var options = new VideoSamplingOptions { FloorInterval = TimeSpan.FromSeconds(5) };

        var sample = await _sampler.SampleAsync(videos.Scenes, ImageFormat.Mp4, options, CancellationToken.None);

        // The second scene is plain red.
        using var bitmap = SKBitmap.Decode(sample.Frames[1].Image);
        var pixel = bitmap.GetPixel(bitmap.Width / 2, bitmap.Height / 2);
        Assert.True(pixel.Red > 200 && pixel.Green < 60 && pixel.Blue < 60, $"expected red, got {pixel}");
    }

    [Fact]
    public async Task SampleAsync_NoSceneDetection_FloorEveryInterval()
    {
        var options = new VideoSamplingOptions { FloorInterval = TimeSpan.FromSeconds(1.5), SceneThreshold = 1.0 };

        var sample = await _sampler.SampleAsync(videos.Scenes, ImageFormat.Mp4, options, CancellationToken.None);

        Assert.Equal([0L, 1500, 3000, 4500], sample.Frames.Select(f => f.TimestampMs));
    }

    [Fact]
    public async Task SampleAsync_VhsCommentTag_PromptGraphUnwrapped()
    {
        var sample = await _sampler.SampleAsync(videos.Scenes, ImageFormat.Mp4, new VideoSamplingOptions { FloorInterval = TimeSpan.FromSeconds(10), SceneThreshold = 1.0 }, CancellationToken.None);

        Assert.StartsWith("{\"3\": {\"class_type\": \"KSampler\"", sample.MetadataTexts["prompt"]);
        Assert.Contains("a red fox running", sample.MetadataTexts["prompt"]);
        Assert.Equal("{\"nodes\": []}", sample.MetadataTexts["workflow"]);
        Assert.Equal(TestVideos.VhsComment, sample.MetadataTexts["comment"]);
    }

    [Fact]
    public async Task SampleAsync_WebMUpperCaseTag_LowerCasedPrompt()
    {
        var sample = await _sampler.SampleAsync(videos.WebM, ImageFormat.Matroska, new VideoSamplingOptions(), CancellationToken.None);

        Assert.Equal("vp9", sample.Info.Codec);
        Assert.Equal("{\"1\": {}}", sample.MetadataTexts["prompt"]);
        Assert.Single(sample.Frames);
    }

    [Fact]
    public async Task SampleAsync_FramesScaledToShortSide()
    {
        var options = new VideoSamplingOptions { FrameShortSide = 48, FloorInterval = TimeSpan.FromSeconds(10), SceneThreshold = 1.0 };

        var sample = await _sampler.SampleAsync(videos.Scenes, ImageFormat.Mp4, options, CancellationToken.None);

        using var bitmap = SKBitmap.Decode(sample.Frames[0].Image);
        Assert.Equal((64, 48), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task SampleAsync_TenHourVideo_CappedFramesSpreadWithoutDecodingItAll()
    {
        var options = new VideoSamplingOptions { MaxFrames = 6 };

        var sample = await _sampler.SampleAsync(videos.Long, ImageFormat.Mp4, options, CancellationToken.None);

        Assert.Equal(6, sample.Frames.Count);
        Assert.InRange(sample.Frames[^1].TimestampMs, 29_900_000, 30_100_000);
        // The structural check: spaced seeks instead of a scene-scoring pass over every frame (a wall-clock bound
        // here failed on a loaded machine; timings belong in benchmarks/Video).
        Assert.Contains(sample.Notes, n => n.Contains("no scene detection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SampleAsync_FiftyThousandTinyFrames_SkipsSceneScoringAndStaysBounded()
    {
        var options = new VideoSamplingOptions { FloorInterval = TimeSpan.FromSeconds(10) };

        var sample = await _sampler.SampleAsync(videos.ManyFrames, ImageFormat.Mp4, options, CancellationToken.None);

        Assert.Equal([0L, 10_000, 20_000, 30_000, 40_000], sample.Frames.Select(f => f.TimestampMs));
        Assert.Contains(sample.Notes, n => n.Contains("50,000 frames", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SampleAsync_Corrupt_RejectedWithReason()
    {
        var ex = await Assert.ThrowsAsync<VideoRejectedException>(
            () => _sampler.SampleAsync(videos.Corrupt, ImageFormat.Mp4, new VideoSamplingOptions(), CancellationToken.None));

        Assert.Contains("not a readable video", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.ToolMissing);
    }

    [Fact]
    public async Task SampleAsync_Truncated_RejectedWithReason()
    {
        var ex = await Assert.ThrowsAsync<VideoRejectedException>(
            () => _sampler.SampleAsync(videos.Truncated, ImageFormat.Mp4, new VideoSamplingOptions(), CancellationToken.None));

        Assert.Contains("corrupt or truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SampleAsync_ZeroLength_RejectedWithReason()
    {
        var ex = await Assert.ThrowsAsync<VideoRejectedException>(
            () => _sampler.SampleAsync(videos.Empty, ImageFormat.Mp4, new VideoSamplingOptions(), CancellationToken.None));

        Assert.Contains("not a readable video", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SampleAsync_TimeLimitReached_FfmpegStoppedAndReasonGiven()
    {
        var options = new VideoSamplingOptions { Timeout = TimeSpan.FromMilliseconds(1) };

        var ex = await Assert.ThrowsAsync<VideoRejectedException>(
            () => _sampler.SampleAsync(videos.Scenes, ImageFormat.Mp4, options, CancellationToken.None));

        // Returning at all shows ffmpeg was stopped (a hang is caught by the runner's hang timeout, not a clock here).
        Assert.Contains("per-video limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SampleAsync_NoFfmpeg_SkippedWithInstallHint()
    {
        var options = new VideoSamplingOptions { FfmpegFolder = Path.Combine(videos.Folder, "no-such-folder") };

        var ex = await Assert.ThrowsAsync<VideoRejectedException>(
            () => _sampler.SampleAsync(videos.Scenes, ImageFormat.Mp4, options, CancellationToken.None));

        Assert.True(ex.ToolMissing);
        Assert.Contains("apt-get install ffmpeg", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SampleAsync_AnimatedGif_EveryKthFrameWithoutFfmpeg()
    {
        // 20 frames at 100 ms, at most 5 kept: every 4th. No ffmpeg needed for animations.
        var options = new VideoSamplingOptions { MaxFrames = 5, FfmpegFolder = "/nonexistent" };

        var sample = await _sampler.SampleAsync(videos.Gif, ImageFormat.Gif, options, CancellationToken.None);

        Assert.Equal([0L, 400, 800, 1200, 1600], sample.Frames.Select(f => f.TimestampMs));
        Assert.Equal(20, sample.Info.FrameCount);
        Assert.Equal(2000, sample.Info.DurationMs);
        Assert.Equal(10, sample.Info.Fps, 1);
    }

    [Fact]
    public async Task SampleAsync_AnimatedWebP_AllFramesUnderCap()
    {
        var sample = await _sampler.SampleAsync(videos.WebP, ImageFormat.WebP, new VideoSamplingOptions(), CancellationToken.None);

        Assert.Equal(10, sample.Frames.Count);
        Assert.Equal("webp", sample.Info.Codec);
    }

    [Fact]
    public void IsAnimated_GeneratedFiles_AnimationsOnly()
    {
        Assert.True(FormatSniffer.IsAnimated(File.ReadAllBytes(videos.Gif)));
        Assert.True(FormatSniffer.IsAnimated(File.ReadAllBytes(videos.WebP)));
        Assert.False(FormatSniffer.IsAnimated(File.ReadAllBytes(videos.StillGif)));
    }

    [Fact]
    public void Sniff_GeneratedContainers_RecognisedAsVideo()
    {
        Assert.Equal(ImageFormat.Mp4, FormatSniffer.Sniff(File.ReadAllBytes(videos.Scenes).AsSpan(0, FormatSniffer.HeaderLength)));
        Assert.Equal(ImageFormat.Matroska, FormatSniffer.Sniff(File.ReadAllBytes(videos.WebM).AsSpan(0, FormatSniffer.HeaderLength)));
    }
}
