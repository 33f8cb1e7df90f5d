using System.Globalization;
using System.Text.RegularExpressions;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Video;
using FFMpegCore;
using FFMpegCore.Exceptions;

namespace DrawingFromDiffusion.Onnx.Video;

/// <summary>
/// Samples MP4/MOV/WebM/MKV through Debian's ffmpeg and ffprobe (via FFMpegCore); animated WebP and GIF
/// go to <see cref="AnimatedImageSampler"/>. Work per video is bounded: scene detection only on short
/// videos, one input-seeking ffmpeg run per planned frame, and a wall-clock limit that kills ffmpeg.
/// </summary>
public sealed partial class FfmpegVideoSampler : IVideoSampler
{
    public const string InstallHint = "install ffmpeg to index videos (Debian/Ubuntu: apt-get install ffmpeg)";

    public async Task<VideoSample> SampleAsync(string path, ImageFormat format, VideoSamplingOptions options, CancellationToken cancellationToken)
    {
        if (!format.IsVideoContainer())
        {
            return await AnimatedImageSampler.SampleAsync(path, options, cancellationToken).ConfigureAwait(false);
        }

        var tools = FindTools(options.FfmpegFolder)
            ?? throw new VideoRejectedException(
                $"skipped: ffmpeg/ffprobe not found {(options.FfmpegFolder is null ? "on PATH" : $"in {options.FfmpegFolder}")}; {InstallHint}",
                toolMissing: true);
        var ff = new FFOptions { BinaryFolder = tools };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        var notes = new List<string>();
        try
        {
            var (info, tags) = await ProbeAsync(path, ff, deadline.Token).ConfigureAwait(false);
            var frames = await OnePassAsync(path, info, options, ff, notes, deadline.Token).ConfigureAwait(false);
            if (frames is null)
            {
                var plan = FramePlan.Build(info.DurationMs, [], options.FloorInterval, options.MaxFrames);
                frames = await ExtractAsync(path, info, plan, options, ff, notes, deadline.Token).ConfigureAwait(false);
            }

            if (frames.Count == 0)
            {
                throw new VideoRejectedException($"no frame could be decoded from this {info.Codec} video{(notes.Count > 0 ? ": " + notes[^1] : string.Empty)}");
            }

            return new VideoSample(info, frames, VideoMetadataTexts.FromTags(tags), notes);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VideoRejectedException($"gave up after the {options.Timeout.TotalSeconds:0.#} s per-video limit; ffmpeg was stopped");
        }
    }

    /// <summary>The folder holding both tools ("" means PATH), or null when either is missing.</summary>
    internal static string? FindTools(string? folder)
    {
        if (folder is not null)
        {
            return File.Exists(Path.Combine(folder, "ffmpeg")) && File.Exists(Path.Combine(folder, "ffprobe")) ? folder : null;
        }

        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return dirs.Any(d => File.Exists(Path.Combine(d, "ffmpeg"))) && dirs.Any(d => File.Exists(Path.Combine(d, "ffprobe"))) ? string.Empty : null;
    }

    private static async Task<(VideoInfo Info, IReadOnlyDictionary<string, string> Tags)> ProbeAsync(string path, FFOptions ff, CancellationToken cancellationToken)
    {
        IMediaAnalysis analysis;
        try
        {
            analysis = await FFProbe.AnalyseAsync(path, ff, null, cancellationToken).ConfigureAwait(false);
        }
        catch (FFMpegException ex)
        {
            throw new VideoRejectedException($"not a readable video (corrupt or truncated): {LastLine(ex.Message)}", ex);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            throw new VideoRejectedException($"not a readable video: ffprobe's report cannot be read ({ex.Message})", ex);
        }

        var video = analysis.PrimaryVideoStream
            ?? throw new VideoRejectedException("no video stream in this container");
        var width = video.Width ?? 0;
        var height = video.Height ?? 0;
        if (width <= 0 || height <= 0)
        {
            throw new VideoRejectedException($"the video stream declares an empty size ({width}×{height})");
        }

        var duration = analysis.Duration > TimeSpan.Zero ? analysis.Duration : video.Duration;
        var fps = video.AverageFrameRate > 0 && double.IsFinite(video.AverageFrameRate) ? video.AverageFrameRate : video.RealFrameRate;
        long? frames = duration > TimeSpan.Zero && fps > 0 && double.IsFinite(fps) ? (long)Math.Round(duration.TotalSeconds * fps) : null;
        var tags = analysis.Format.Tags ?? new Dictionary<string, string>();
        return (new VideoInfo((long)duration.TotalMilliseconds, double.IsFinite(fps) ? fps : 0, width, height, video.CodecName ?? "unknown", frames), tags);
    }

    /// <summary>
    /// Short videos: one decode that keeps the first frame, every scene change and a frame whenever the
    /// floor interval passed since the last kept one (FramePlan's rule, as an ffmpeg select expression),
    /// then caps the result with <see cref="FramePlan.Cap"/>. Null when the video is too long or has too
    /// many frames for a full decode, or when that decode overran half the time limit: the caller then
    /// seeks to a floor-only plan.
    /// </summary>
    private static async Task<List<SampledFrame>?> OnePassAsync(
        string path, VideoInfo info, VideoSamplingOptions options, FFOptions ff, List<string> notes, CancellationToken cancellationToken)
    {
        if (info.DurationMs <= 0 || info.DurationMs > options.SceneDetectionMaxDuration.TotalMilliseconds)
        {
            if (info.DurationMs > 0)
            {
                notes.Add($"longer than {options.SceneDetectionMaxDuration.TotalMinutes:0.#} min: evenly spaced frames, no scene detection");
            }

            return null;
        }

        if (info.FrameCount > options.SceneDetectionMaxFrames)
        {
            notes.Add($"{info.FrameCount:N0} frames, more than {options.SceneDetectionMaxFrames:N0}: evenly spaced frames, no scene detection");
            return null;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Timeout / 2);
        var (width, height) = ScaledSize(info.Width, info.Height, options.FrameShortSide);
        var threshold = options.SceneThreshold.ToString("0.###", CultureInfo.InvariantCulture);
        var floor = options.FloorInterval.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var gap = (FramePlan.MinGapMs / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
        var select = $"isnan(prev_selected_t)+gt(scene,{threshold})*gte(t-prev_selected_t,{gap})+gte(t-prev_selected_t,{floor})";
        var times = new List<long>();
        var folder = Directory.CreateTempSubdirectory("dfd-frames-");
        try
        {
            FFMpegResult result;
            try
            {
                result = await FFMpegArguments
                    .FromFileInput(path, verifyExists: true, o => o.DisableAudio().DisableSubtitles().DisableData())
                    .OutputToFile(Path.Combine(folder.FullName, "%05d.jpg"), overwrite: true, o => o
                        .WithCustomArgument($"-vf \"scale={width}:{height},select='{select}',showinfo\" -fps_mode vfr -q:v 2 -f image2"))
                    .NotifyOnStandardError(line =>
                    {
                        var match = PtsTime().Match(line);
                        if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                        {
                            lock (times)
                            {
                                times.Add((long)Math.Round(seconds * 1000));
                            }
                        }
                    })
                    .CancellableThrough(limit.Token, TimeSpan.Zero)
                    .ProcessAsynchronously(throwOnError: false, ff)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                result = null!;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (result is null || result.Cancelled || limit.IsCancellationRequested)
            {
                notes.Add("the scene-detecting decode overran half the time limit; evenly spaced frames used instead");
                return null;
            }

            var files = folder.GetFiles("*.jpg").OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
            List<long> stamps;
            lock (times)
            {
                stamps = [.. times.Take(files.Count)];
            }

            if (!result.Success)
            {
                notes.Add($"the decode stopped early (truncated or damaged?): {result.StandardError.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))}");
            }

            var kept = FramePlan.Cap(Enumerable.Range(0, stamps.Count).ToList(), options.MaxFrames);
            var frames = new List<SampledFrame>(kept.Count);
            foreach (var i in kept)
            {
                frames.Add(new SampledFrame(stamps[i], await File.ReadAllBytesAsync(files[i].FullName, cancellationToken).ConfigureAwait(false)));
            }

            return frames;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<List<SampledFrame>> ExtractAsync(
        string path, VideoInfo info, IReadOnlyList<long> plan, VideoSamplingOptions options, FFOptions ff, List<string> notes, CancellationToken cancellationToken)
    {
        var (width, height) = ScaledSize(info.Width, info.Height, options.FrameShortSide);
        var folder = Directory.CreateTempSubdirectory("dfd-frames-");
        var frames = new List<SampledFrame>(plan.Count);
        var failed = 0;
        string? lastError = null;
        try
        {
            for (var i = 0; i < plan.Count; i++)
            {
                var output = Path.Combine(folder.FullName, $"{i}.jpg");
                FFMpegResult result;
                try
                {
                    result = await FFMpegArguments
                        .FromFileInput(path, verifyExists: true, o => o.WithStartTime(TimeSpan.FromMilliseconds(plan[i])).DisableAudio().DisableSubtitles().DisableData())
                        .OutputToFile(output, overwrite: true, o => o.WithFrameCount(1).WithVideoFilters(f => f.Scale(width, height)).WithCustomArgument("-q:v 2"))
                        .CancellableThrough(cancellationToken, TimeSpan.Zero)
                        .ProcessAsynchronously(throwOnError: false, ff)
                        .ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (frames.Count > 0)
                {
                    notes.Add($"stopped at the {options.Timeout.TotalSeconds:0.#} s per-video limit after {frames.Count} of {plan.Count} frames");
                    break;
                }

                if (cancellationToken.IsCancellationRequested && frames.Count > 0)
                {
                    notes.Add($"stopped at the {options.Timeout.TotalSeconds:0.#} s per-video limit after {frames.Count} of {plan.Count} frames");
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (result.Success && File.Exists(output) && new FileInfo(output).Length > 0)
                {
                    frames.Add(new SampledFrame(plan[i], await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false)));
                }
                else
                {
                    failed++;
                    lastError = result.StandardError.LastOrDefault(l => !string.IsNullOrWhiteSpace(l)) ?? "no frame at this time";
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        if (failed > 0)
        {
            notes.Add($"{failed} of {plan.Count} planned frames could not be decoded (truncated or damaged?): {lastError}");
        }

        return frames;
    }

    /// <summary>Short side down to <paramref name="shortSide"/>, never up; even sizes, which every pixel format accepts.</summary>
    internal static (int Width, int Height) ScaledSize(int width, int height, int shortSide)
    {
        var scale = Math.Min(1.0, (double)shortSide / Math.Min(width, height));
        static int Even(double v) => Math.Max(2, (int)Math.Round(v / 2) * 2);
        return (Even(width * scale), Even(height * scale));
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? text;

    [GeneratedRegex(@"pts_time:\s*([0-9.]+)")]
    private static partial Regex PtsTime();
}
