using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Hashing;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Tests.Shared;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Tests.Imaging;

public sealed class SkiaImageAnalyzerTests
{
    private readonly SkiaImageAnalyzer _analyzer = new();

    private ImageFacts Analyze(byte[] bytes, ImageFormat format, ImageLimits? limits = null)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return _analyzer.Analyze(stream, format, limits ?? new ImageLimits());
    }

    [Fact]
    public void Analyze_TransparentLineArtAndItsFlattenedJpeg_HashAlikeAndLinkSurely()
    {
        // Black line art on a transparent background, and the same re-saved as JPEG (flattened onto white): hashed on
        // premultiplied pixels the first was black on black, and its copy was neither nominated nor linked.
        using var drawing = new SKBitmap(new SKImageInfo(300, 240, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        drawing.Erase(SKColors.Transparent);
        using (var canvas = new SKCanvas(drawing))
        using (var pen = new SKPaint { Color = SKColors.Black, StrokeWidth = 5, IsAntialias = true, Style = SKPaintStyle.Stroke })
        {
            canvas.DrawCircle(110, 120, 80, pen);
            canvas.DrawLine(110, 120, 110, 60, pen);
            canvas.DrawLine(110, 120, 160, 140, pen);
            canvas.DrawRect(210, 40, 70, 160, pen);
        }

        using var flattened = new SKBitmap(new SKImageInfo(300, 240, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(flattened))
        {
            canvas.Clear(SKColors.White);
            using var image = SKImage.FromBitmap(drawing);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        }

        var original = Analyze(Encode(drawing, SKEncodedImageFormat.Png, 100), ImageFormat.Png);
        var copy = Analyze(Encode(flattened, SKEncodedImageFormat.Jpeg, 80), ImageFormat.Jpeg);

        Assert.InRange(PerceptualHash.Distance(original.PHash, copy.PHash), 0, VisualRule.Default.MaxHashDistance);
        Assert.InRange(PerceptualHash.Distance(original.DHash, copy.DHash), 0, VisualRule.Default.MaxHashDistance);
        var match = PixelCheck.Compare(PixelPrints.FromThumbnail(original.Thumbnail)!, PixelPrints.FromThumbnail(copy.Thumbnail)!);
        Assert.True(VisualRule.Default.Links(match) && VisualRule.IsSure(match), $"r {match.Correlation:0.000}, worst block {match.LocalDifference:0.0}");
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    [Fact]
    public void Analyze_Png_ReportsSizeHashesAndWebpThumbnail()
    {
        var facts = Analyze(TestImages.Png(300, 200, seed: 1), ImageFormat.Png);

        Assert.Equal((300, 200), (facts.Width, facts.Height));
        Assert.NotEqual(0UL, facts.PHash);
        Assert.True(facts.Thumbnail.AsSpan().StartsWith("RIFF"u8), "thumbnail is WebP");
        using var thumbnail = SKBitmap.Decode(facts.Thumbnail);
        Assert.Equal((256, 171), (thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public void Analyze_SamePictureAsPngAndJpeg_PerceptualHashesClose()
    {
        var png = Analyze(TestImages.Png(512, 512, seed: 3), ImageFormat.Png);
        var jpeg = Analyze(TestImages.Jpeg(512, 512, seed: 3, quality: 70), ImageFormat.Jpeg);
        var other = Analyze(TestImages.Png(512, 512, seed: 4), ImageFormat.Png);

        Assert.True(PerceptualHash.Distance(png.PHash, jpeg.PHash) <= 6, $"png/jpeg pHash distance {PerceptualHash.Distance(png.PHash, jpeg.PHash)}");
        Assert.True(PerceptualHash.Distance(png.PHash, other.PHash) > 10, $"different pictures pHash distance {PerceptualHash.Distance(png.PHash, other.PHash)}");
    }

    [Fact]
    public void Analyze_LargeJpeg_DecodesScaledButReportsFullSize()
    {
        using var stream = new MemoryStream(TestImages.Jpeg(2048, 1536, seed: 5));
        using var decoded = SkiaImageDecoder.Decode(stream, ImageFormat.Jpeg, 100_000_000, 256);

        Assert.Equal((2048, 1536), (decoded.Width, decoded.Height));
        Assert.Equal((512, 384), (decoded.Pixels.Width, decoded.Pixels.Height));
    }

    [Theory]
    [InlineData(1, 64, 32)]
    [InlineData(3, 64, 32)]
    [InlineData(6, 32, 64)]
    [InlineData(8, 32, 64)]
    public void Analyze_ExifOrientation_ReportsUprightSize(ushort orientation, int width, int height)
    {
        var facts = Analyze(TestImages.JpegWithOrientation(64, 32, seed: 6, orientation), ImageFormat.Jpeg);

        Assert.Equal((width, height), (facts.Width, facts.Height));
        using var thumbnail = SKBitmap.Decode(facts.Thumbnail);
        Assert.Equal((width, height), (thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public void Analyze_PngDeclaring60000Squared_RejectedBeforeDecoding()
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = Assert.Throws<ImageRejectedException>(() => Analyze(TestImages.PngDeclaring(60000, 60000), ImageFormat.Png));

        Assert.Contains("60000×60000", error.Message, StringComparison.Ordinal);
        Assert.Contains("--max-megapixels", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 16 << 20, "no pixel buffer was allocated");
    }

    [Fact]
    public void Analyze_MaxPixelsLowered_RejectsOrdinaryImage()
    {
        var error = Assert.Throws<ImageRejectedException>(() => Analyze(TestImages.Png(100, 100, 1), ImageFormat.Png, new ImageLimits(MaxPixels: 5000)));

        Assert.Contains("100×100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ZtxtInflatingTo1GiB_DecodesPixelsWithBoundedMemory()
    {
        var bomb = TestImages.ZtxtBomb1GiB;
        Assert.True(bomb.Length < 2 << 20, $"the bomb is {bomb.Length} bytes on disk");
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        var rssBefore = process.WorkingSet64;

        var facts = Analyze(bomb, ImageFormat.Png);

        Assert.Equal((16, 12), (facts.Width, facts.Height));
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 64 << 20, "managed allocations stayed small");
        process.Refresh();
        Assert.True(process.WorkingSet64 - rssBefore < 256L << 20, $"working set grew by {(process.WorkingSet64 - rssBefore) >> 20} MiB");
    }

    [Fact]
    public void Analyze_16BitPng_Decodes()
    {
        var facts = Analyze(TestImages.Png16Bit(70, 50), ImageFormat.Png);

        Assert.Equal((70, 50), (facts.Width, facts.Height));
    }

    [Fact]
    public void Analyze_PalettePngWithTransparency_Decodes()
    {
        var facts = Analyze(TestImages.PngPaletteWithTransparency(33, 17), ImageFormat.Png);

        Assert.Equal((33, 17), (facts.Width, facts.Height));
    }

    [Fact]
    public void Analyze_CmykJpeg_DecodesWithColours()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "cmyk.jpg"));
        using var stream = new MemoryStream(bytes);
        using var decoded = SkiaImageDecoder.Decode(stream, ImageFormat.Jpeg, 100_000_000, 16);

        Assert.Equal((48, 32), (decoded.Width, decoded.Height));
        // The codec may have decoded at a reduced scale: sample at relative positions.
        var (w, h) = (decoded.Pixels.Width, decoded.Pixels.Height);
        var left = decoded.Pixels.GetPixel(w / 8, h / 2);
        var right = decoded.Pixels.GetPixel(w * 7 / 8, h / 2);
        // Cyan on the left (little red), red on the right (much red): the inks were not inverted or dropped.
        Assert.True(left.Red < 100 && left.Blue > 150, $"left pixel {left}");
        Assert.True(right.Red > 150 && right.Blue < 100, $"right pixel {right}");
    }

    [Fact]
    public void Analyze_AnimatedGif_TakesFirstFrame()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "animated.gif"));
        using var stream = new MemoryStream(bytes);
        using var decoded = SkiaImageDecoder.Decode(stream, ImageFormat.Gif, 100_000_000, 16);

        Assert.Equal((40, 24), (decoded.Width, decoded.Height));
        var pixel = decoded.Pixels.GetPixel(decoded.Pixels.Width / 2, decoded.Pixels.Height / 2);
        Assert.True(pixel.Blue > 200 && pixel.Red < 50, $"first frame is blue, got {pixel}");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8000, 8)]
    [InlineData(8, 8000)]
    public void Analyze_ExtremeAspect_KeepsSizeAndMakesThumbnail(int width, int height)
    {
        var facts = Analyze(TestImages.Png(width, height, seed: 9), ImageFormat.Png);

        Assert.Equal((width, height), (facts.Width, facts.Height));
        using var thumbnail = SKBitmap.Decode(facts.Thumbnail);
        Assert.NotNull(thumbnail);
        Assert.True(Math.Max(thumbnail.Width, thumbnail.Height) <= 256);
    }

    [Fact]
    public void Analyze_TruncatedPng_RejectedAsTruncated()
    {
        var png = TestImages.Png(200, 200, seed: 10);

        var error = Assert.Throws<ImageRejectedException>(() => Analyze(png[..(png.Length / 2)], ImageFormat.Png));

        Assert.Contains("truncated PNG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_TruncatedJpeg_RejectedAsTruncated()
    {
        var jpeg = TestImages.Jpeg(200, 200, seed: 11);

        var error = Assert.Throws<ImageRejectedException>(() => Analyze(jpeg[..(jpeg.Length * 6 / 10)], ImageFormat.Jpeg));

        Assert.Contains("truncated JPEG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_PngCutInsideHeader_RejectedWithReason()
    {
        var png = TestImages.Png(20, 20, seed: 12);

        var error = Assert.Throws<ImageRejectedException>(() => Analyze(png[..20], ImageFormat.Png));

        Assert.Contains("PNG", error.Message, StringComparison.Ordinal);
    }
}
