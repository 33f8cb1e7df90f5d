using System.Diagnostics;
using System.Globalization;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Video;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Onnx.Video;

namespace DrawingFromDiffusion.Benchmarks.Video;

/// <summary>
/// Frames/s of video sampling (ffmpeg through FFMpegCore), of the image path on the frames
/// (thumbnail + pHash) and of embedding them, on a 30-second 720p clip made with ffmpeg's testsrc2
/// (or a clip given on the command line). A timed run, not a BenchmarkDotNet suite: each stage
/// spawns ffmpeg processes and a model, far too slow for its many iterations.
///   dotnet run -c Release --project benchmarks/DrawingFromDiffusion.Benchmarks -- video [CLIP] [PACK_DIR]
/// </summary>
public static class VideoThroughput
{
    public static int Run(string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("dfd-video-bench-");
        try
        {
            var clip = args.Length > 0 && File.Exists(args[0]) ? args[0] : MakeClip(Path.Combine(folder.FullName, "testsrc2-720p-30s.mp4"));
            var pack = ModelPack.Load(args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "models", "resnet18-imagenet"));
            var sampler = new FfmpegVideoSampler();
            Console.WriteLine($"clip {clip}, {Environment.ProcessorCount} cores, pack {pack.Id}");

            Sample(sampler, clip, "default (scene changes + 1 every 2 s, cap 64)", new VideoSamplingOptions());
            var dense = Sample(sampler, clip, "dense (1 every 0.5 s, cap 64, one decode)", new VideoSamplingOptions { FloorInterval = TimeSpan.FromSeconds(0.5), SceneThreshold = 1.1 });
            Sample(sampler, clip, "seek path (1 every 2 s, one ffmpeg seek per frame, as for long videos)", new VideoSamplingOptions { SceneDetectionMaxDuration = TimeSpan.Zero, Timeout = TimeSpan.FromMinutes(5) });

            var analyzer = new SkiaImageAnalyzer();
            var clock = Stopwatch.StartNew();
            foreach (var frame in dense.Frames)
            {
                using var stream = new MemoryStream(frame.Image);
                analyzer.Analyze(stream, ImageFormat.Jpeg, new Core.Imaging.ImageLimits());
            }

            Report("analyse (thumbnail + pHash/dHash, 1 thread)", dense.Frames.Count, clock.Elapsed);

            var sessions = new OnnxSessionFactory(new DeviceOptions("cpu", Threads: Environment.ProcessorCount));
            using var embedder = new OnnxImageEmbedder(pack, sessions, 8);
            embedder.Embed([Prepare(embedder, dense.Frames[0])]);
            clock.Restart();
            var tensors = dense.Frames.Select(f => Prepare(embedder, f)).ToList();
            var prepared = clock.Elapsed;
            foreach (var batch in tensors.Chunk(embedder.BatchSize))
            {
                embedder.Embed(batch);
            }

            Report($"embed ({pack.Id}, preprocess {prepared.TotalMilliseconds / tensors.Count:0.0} ms/frame + model, batch {embedder.BatchSize})", tensors.Count, clock.Elapsed);
            Console.WriteLine($"peak RSS: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Core.Embeddings.ImageTensor Prepare(OnnxImageEmbedder embedder, SampledFrame frame)
    {
        using var stream = new MemoryStream(frame.Image);
        return embedder.Prepare(stream, long.MaxValue);
    }

    private static VideoSample Sample(FfmpegVideoSampler sampler, string clip, string label, VideoSamplingOptions options)
    {
        var clock = Stopwatch.StartNew();
        var sample = sampler.SampleAsync(clip, ImageFormat.Mp4, options, CancellationToken.None).GetAwaiter().GetResult();
        Report($"sample {label}", sample.Frames.Count, clock.Elapsed);
        return sample;
    }

    private static void Report(string label, int frames, TimeSpan elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {frames} frames in {elapsed.TotalSeconds:0.00} s = {frames / elapsed.TotalSeconds:0.0} frames/s"));

    private static string MakeClip(string path)
    {
        var clock = Stopwatch.StartNew();
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=d=30:s=1280x720:r=30", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", path])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg could not make the clip: {error}");
        }

        Console.WriteLine($"made {path} ({new FileInfo(path).Length / 1e6:0.0} MB) in {clock.Elapsed.TotalSeconds:0.0} s");
        return path;
    }
}
