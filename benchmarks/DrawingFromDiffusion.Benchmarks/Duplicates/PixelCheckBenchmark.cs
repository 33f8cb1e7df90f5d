using BenchmarkDotNet.Attributes;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Imaging;
using SkiaSharp;

namespace DrawingFromDiffusion.Benchmarks.Duplicates;

/// <summary>
/// The pixel check every pair the visual tier nominates gets, on prints made the way `dfd dupes` makes them (512 px
/// picture → 256 px catalog thumbnail → 96 px print). Three paths: a re-encoded copy (whole pictures match, no crop
/// search), a 6 % crop (coarse search, then the hill climb) and a mirrored picture (coarse search only, rejected).
/// Run: dotnet run -c Release --project benchmarks/DrawingFromDiffusion.Benchmarks -- --filter '*PixelCheck*' --job short
/// </summary>
[MemoryDiagnoser]
public class PixelCheckBenchmark
{
    private PixelPrint _original = null!;
    private PixelPrint _reencoded = null!;
    private PixelPrint _cropped = null!;
    private PixelPrint _mirrored = null!;
    private byte[] _thumbnail = [];

    [GlobalSetup]
    public void Setup()
    {
        using var picture = SKBitmap.Decode(BenchmarkImages.Make(512, SKEncodedImageFormat.Png));
        _thumbnail = Analyze(Encode(picture, SKEncodedImageFormat.Png)).Thumbnail;
        _original = PixelPrints.FromThumbnail(_thumbnail)!;
        _reencoded = Print(Encode(picture, SKEncodedImageFormat.Jpeg, 60));
        using var cropped = new SKBitmap();
        picture.ExtractSubset(cropped, new SKRectI(20, 10, 20 + 481, 10 + 481));
        _cropped = Print(Encode(cropped.Copy(), SKEncodedImageFormat.Png));
        using var mirrored = new SKBitmap(picture.Info);
        using (var canvas = new SKCanvas(mirrored))
        {
            canvas.Scale(-1, 1, 256, 0);
            using var image = SKImage.FromBitmap(picture);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }

        _mirrored = Print(Encode(mirrored, SKEncodedImageFormat.Png));
    }

    [Benchmark]
    public double ReencodedCopy() => PixelCheck.Compare(_original, _reencoded).Correlation;

    [Benchmark]
    public double CroppedCopy() => PixelCheck.Compare(_original, _cropped).Correlation;

    [Benchmark]
    public double OtherPicture() => PixelCheck.Compare(_original, _mirrored).Correlation;

    /// <summary>What a print costs the first time an image turns up in a nominated pair.</summary>
    [Benchmark]
    public PixelPrint? PrintFromThumbnail() => PixelPrints.FromThumbnail(_thumbnail);

    private static ImageFacts Analyze(byte[] encoded) =>
        new SkiaImageAnalyzer().Analyze(new MemoryStream(encoded), ImageFormat.Unknown, new ImageLimits());

    private static PixelPrint Print(byte[] encoded) => PixelPrints.FromThumbnail(Analyze(encoded).Thumbnail)!;

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 100)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }
}
