using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Onnx.Imaging;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Tests.Imaging;

public sealed class PixelPrintsTests
{
    [Fact]
    public void FromThumbnail_WideTransparentWebP_ScaledToLongSideAndFlattenedOntoWhite()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(256, 128, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(SKColors.Transparent);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.Red })
        {
            canvas.DrawRect(0, 0, 128, 128, paint);
        }

        var print = PixelPrints.FromThumbnail(Encode(bitmap));

        Assert.NotNull(print);
        Assert.Equal(PixelPrint.LongSide, print.Width);
        Assert.InRange(print.Height, (PixelPrint.LongSide / 2) - 1, (PixelPrint.LongSide / 2) + 1);
        AssertNear([255, 0, 0], Pixel(print, 10, 10));
        AssertNear([255, 255, 255], Pixel(print, print.Width - 10, 10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    public void FromThumbnail_NotAnImage_Null(int length)
    {
        var garbage = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();

        Assert.Null(PixelPrints.FromThumbnail(garbage));
    }

    [Fact]
    public void FromThumbnail_TruncatedWebP_NullOrAPrintButNoThrow()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(200, 200, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.SteelBlue);
        var encoded = Encode(bitmap);

        var print = PixelPrints.FromThumbnail(encoded[..(encoded.Length / 2)]);

        Assert.True(print is null || print.Rgb.Length == print.Width * print.Height * 3);
    }

    /// <summary>Lossy WebP moves colours by a few levels.</summary>
    private static void AssertNear(byte[] expected, byte[] actual) =>
        Assert.True(expected.Zip(actual).All(p => Math.Abs(p.First - p.Second) <= 8), $"expected about [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");

    private static byte[] Pixel(PixelPrint print, int x, int y) => print.Rgb[(((y * print.Width) + x) * 3)..((((y * print.Width) + x) * 3) + 3)];

    private static byte[] Encode(SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Webp, 90);
        return data.ToArray();
    }
}
