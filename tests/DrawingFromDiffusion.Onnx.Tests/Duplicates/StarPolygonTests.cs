using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Imaging;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Tests.Duplicates;

/// <summary>
/// Real clip-art (openclipart's star polygons: 1 px black lines on a transparent 100 px canvas, TestData/StarPolygons)
/// through the real analyzer and its thumbnails. Sibling stars of few points must not link; copies flattened onto white
/// and re-encoded, or shrunk with their transparency, must. Stars of 30 points and more are not covered: at the
/// catalog's print resolution their rings are one grey texture (benchmarks/README.md, "Duplicates on a set built like
/// a real collection").
/// </summary>
public sealed class StarPolygonTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "StarPolygons");

    [Theory]
    [InlineData("star_11pt02step", "star_11pt04step")]
    [InlineData("star_13pt03step", "star_13pt05step")]
    [InlineData("star_11pt04step", "star_13pt05step")]
    [InlineData("star_09pt04step", "star_11pt04step")]
    public void Compare_SiblingStars_DoNotLink(string first, string second)
    {
        var match = PixelCheck.Compare(PrintOf(Read(first)), PrintOf(Read(second)));

        Assert.False(VisualRule.Default.Links(match), $"{first} ~ {second}: r {match.Correlation:0.000}, worst block {match.LocalDifference:0.0}");
    }

    [Theory]
    [InlineData("star_11pt02step", "jpeg")]
    [InlineData("star_11pt02step", "webp")]
    [InlineData("star_11pt02step", "resize")]
    [InlineData("star_13pt05step", "jpeg")]
    [InlineData("star_13pt05step", "webp")]
    [InlineData("star_13pt05step", "resize")]
    [InlineData("star_09pt04step", "jpeg")]
    [InlineData("star_09pt04step", "resize")]
    public void Compare_CopyOfAStar_Links(string star, string alteration)
    {
        var original = Read(star);
        using var bitmap = SKBitmap.Decode(original);
        var copy = alteration switch
        {
            "jpeg" => Encode(Flattened(bitmap), SKEncodedImageFormat.Jpeg, 75),
            "webp" => Encode(Flattened(bitmap), SKEncodedImageFormat.Webp, 60),
            _ => Encode(bitmap.Resize(new SKImageInfo(bitmap.Width * 3 / 5, bitmap.Height * 3 / 5, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKCubicResampler.Mitchell)), SKEncodedImageFormat.Png, 100),
        };

        var match = PixelCheck.Compare(PrintOf(original), PrintOf(copy));

        Assert.True(VisualRule.Default.Links(match), $"{star} {alteration}: r {match.Correlation:0.000}, worst block {match.LocalDifference:0.0}");
    }

    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name + ".png"));

    private static PixelPrint PrintOf(byte[] file)
    {
        using var stream = new MemoryStream(file);
        var facts = new SkiaImageAnalyzer().Analyze(stream, ImageFormat.Unknown, new ImageLimits());
        return PixelPrints.FromThumbnail(facts.Thumbnail) ?? throw new InvalidOperationException("no print");
    }

    private static SKBitmap Flattened(SKBitmap image)
    {
        var flat = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(flat);
        canvas.Clear(SKColors.White);
        using var source = SKImage.FromBitmap(image);
        canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        return flat;
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using (bitmap)
        {
            using var image = SKImage.FromBitmap(bitmap);
            using var data = image.Encode(format, quality);
            return data.ToArray();
        }
    }
}
