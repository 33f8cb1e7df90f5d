using BenchmarkDotNet.Attributes;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Onnx.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SkiaSharp;

namespace DrawingFromDiffusion.Benchmarks.Preprocess;

/// <summary>Decode one file from memory and resize it to 224×224: the step before every embedding.</summary>
[MemoryDiagnoser]
public class DecodeResizeBenchmarks
{
    private const int Side = 224;
    private byte[] _bytes = [];
    private ImageFormat _format;

    [Params("png-512", "png-1024", "jpeg-2048")]
    public string Input { get; set; } = "png-512";

    [GlobalSetup]
    public void Setup()
    {
        (_bytes, _format) = Input switch
        {
            "png-512" => (BenchmarkImages.Make(512, SKEncodedImageFormat.Png), ImageFormat.Png),
            "png-1024" => (BenchmarkImages.Make(1024, SKEncodedImageFormat.Png), ImageFormat.Png),
            _ => (BenchmarkImages.Make(2048, SKEncodedImageFormat.Jpeg), ImageFormat.Jpeg),
        };
    }

    /// <summary>What dfd does: SKCodec at a reduced scale where the codec can (JPEG 1/2, 1/4, 1/8), then halving + Mitchell.</summary>
    [Benchmark]
    public int SkiaScaledDecode()
    {
        using var stream = new MemoryStream(_bytes, writable: false);
        using var decoded = SkiaImageDecoder.Decode(stream, _format, 100_000_000, Side);
        using var resized = SkiaImageDecoder.Resize(decoded.Pixels, Side, Side);
        return resized.Width;
    }

    /// <summary>SkiaSharp without the scaled decode: full-size pixels, then the same resize.</summary>
    [Benchmark]
    public int SkiaFullDecode()
    {
        using var full = SKBitmap.Decode(_bytes);
        using var resized = SkiaImageDecoder.Resize(full, Side, Side);
        return resized.Width;
    }

    /// <summary>The alternative: ImageSharp 2.1 (no scaled decode in 2.x), bicubic resize.</summary>
    [Benchmark(Baseline = true)]
    public int ImageSharp()
    {
        using var image = SixLabors.ImageSharp.Image.Load<Rgba32>(_bytes);
        image.Mutate(c => c.Resize(Side, Side));
        return image.Width;
    }

    /// <summary>The decode alone (full size, RGBA): splits the codec from the resize.</summary>
    [Benchmark]
    public int SkiaDecodeOnly()
    {
        using var full = SKBitmap.Decode(_bytes);
        return full.Width;
    }

    /// <summary>ImageSharp's decode alone, to compare codecs without the resize.</summary>
    [Benchmark]
    public int ImageSharpDecodeOnly()
    {
        using var image = SixLabors.ImageSharp.Image.Load<Rgba32>(_bytes);
        return image.Width;
    }

    /// <summary>Everything dfd index does with the pixels of one new file: decode, thumbnail, pHash, dHash, WebP.</summary>
    [Benchmark]
    public int SkiaAnalyzeForCatalog()
    {
        using var stream = new MemoryStream(_bytes, writable: false);
        return new SkiaImageAnalyzer().Analyze(stream, _format, new Core.Imaging.ImageLimits()).Thumbnail.Length;
    }
}
