using System.Globalization;
using System.Runtime.InteropServices;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Hashing;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Onnx.Models;
using SkiaSharp;

namespace DrawingFromDiffusion.Benchmarks.Scan;

/// <summary>
/// Where a new file's catalog work goes (issue 14 goal 2), in thread CPU time so the load of a shared machine does not
/// count: read + content hash, metadata, decode, 256-px thumbnail resize, pHash/dHash, WebP encode — the steps of
/// <see cref="SkiaImageAnalyzer"/> replayed one by one on one thread — then the analyzer whole, and, with a pack, the
/// one-decode analyzer (catalog facts + model input) against the catalog analyzer plus the embedding pass's own
/// decode and preprocessing (the two-decode path).
/// </summary>
public static class CatalogCost
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    public static int Run(string[] args)
    {
        var files = Directory.EnumerateFiles(args[0], "*", SearchOption.AllDirectories)
            .Where(p => FormatSniffer.HasImageExtension(p)).Order(StringComparer.Ordinal).ToArray();
        var limit = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : files.Length;
        var preprocessor = args.Length > 2 ? new ClipPreprocessor(ModelPack.Load(args[2]).Manifest.Image!) : null;
        files = files.Take(limit).ToArray();
        var metadata = new MetadataReader(new SkiaStealthTextReader());
        var plain = new SkiaImageAnalyzer();
        var shared = preprocessor is null ? null : new SkiaImageAnalyzer(preprocessor);
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(string stage, double ms) => totals[stage] = totals.GetValueOrDefault(stage) + ms;

        // Warm-up: JIT and codec initialisation are not per-file costs.
        foreach (var path in files.Take(3))
        {
            var bytes = File.ReadAllBytes(path);
            plain.Analyze(Exposed(bytes), ImageFormat.Unknown, new ImageLimits());
            shared?.Analyze(Exposed(bytes), ImageFormat.Unknown, new ImageLimits());
            preprocessor?.Prepare(Exposed(bytes), long.MaxValue);
        }

        var measured = 0;
        foreach (var path in files)
        {
            var t = Now();
            var bytes = File.ReadAllBytes(path);
            _ = ContentHash.Of(bytes);
            Add("read + content hash", Since(ref t));
            metadata.Read(bytes);
            Add("metadata", Since(ref t));
            var format = FormatSniffer.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, FormatSniffer.HeaderLength)));
            DecodedImage decoded;
            try
            {
                decoded = SkiaImageDecoder.Decode(Exposed(bytes), format, 100_000_000, 256);
            }
            catch (ImageRejectedException)
            {
                continue;
            }

            measured++;
            Add("decode (catalog scale)", Since(ref t));
            using (decoded)
            {
                var scale = Math.Min(1.0, 256.0 / Math.Max(decoded.Pixels.Width, decoded.Pixels.Height));
                using var thumbnail = scale >= 1.0 ? decoded.Pixels.Copy()
                    : SkiaImageDecoder.Resize(decoded.Pixels, Math.Max(1, (int)Math.Round(decoded.Pixels.Width * scale)), Math.Max(1, (int)Math.Round(decoded.Pixels.Height * scale)));
                Add("thumbnail resize (halving + Mitchell)", Since(ref t));
                using (var small = SkiaImageDecoder.Resize(thumbnail, 32, 32))
                using (var tiny = SkiaImageDecoder.Resize(thumbnail, 9, 8))
                {
                    PerceptualHash.PHash(Gray(small));
                    PerceptualHash.DHash(Gray(tiny));
                }

                Add("pHash + dHash", Since(ref t));
                using var image = SKImage.FromBitmap(thumbnail);
                using var webp = image.Encode(SKEncodedImageFormat.Webp, 80);
                Add("WebP encode q80", Since(ref t));
                using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 85);
                Add("(alternative: JPEG encode q85)", Since(ref t));
            }

            plain.Analyze(Exposed(bytes), format, new ImageLimits());
            Add("= SkiaImageAnalyzer.Analyze whole", Since(ref t));
            if (shared is not null)
            {
                shared.Analyze(Exposed(bytes), format, new ImageLimits());
                Add("one decode: analyzer with model input", Since(ref t));
                preprocessor!.Prepare(Exposed(bytes), long.MaxValue);
                Add("two decodes: embedding pass decode + preprocess", Since(ref t));
            }
        }

        Console.WriteLine($"{measured} files from {args[0]}; thread CPU time per file; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        foreach (var (stage, ms) in totals)
        {
            Console.WriteLine($"| {stage} | {ms / measured:0.00} ms |");
        }

        return 0;
    }

    private static MemoryStream Exposed(byte[] bytes) => new(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);

    private static float[] Gray(SKBitmap small)
    {
        var span = small.GetPixelSpan();
        var gray = new float[small.Width * small.Height];
        for (var i = 0; i < gray.Length; i++)
        {
            var white = 255 - span[(i * 4) + 3];
            gray[i] = (((span[i * 4] + white) * 299) + ((span[(i * 4) + 1] + white) * 587) + ((span[(i * 4) + 2] + white) * 114)) / 1000f;
        }

        return gray;
    }

    private static double Since(ref double start)
    {
        var now = Now();
        var elapsed = now - start;
        start = now;
        return elapsed;
    }

    /// <summary>This thread's CPU time in milliseconds.</summary>
    private static double Now()
    {
        ClockGetTime(ThreadCpuClock, out var spec);
        return (spec.Seconds * 1e3) + (spec.Nanoseconds / 1e6);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec spec);
}
