using DrawingFromDiffusion.Core.Duplicates;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Imaging;

/// <summary>Makes <see cref="PixelPrint"/>s from the catalog's WebP thumbnails, transparency flattened onto white.</summary>
public static class PixelPrints
{
    /// <returns>null when the thumbnail cannot be decoded.</returns>
    public static PixelPrint? FromThumbnail(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        using var decoded = SKBitmap.Decode(encoded);
        if (decoded is null || decoded.Width < 1 || decoded.Height < 1)
        {
            return null;
        }

        using var flat = new SKBitmap(new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(flat))
        {
            canvas.Clear(SKColors.White);
            using var image = SKImage.FromBitmap(decoded);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }

        var scale = Math.Min(1.0, (double)PixelPrint.LongSide / Math.Max(flat.Width, flat.Height));
        var width = Math.Max(1, (int)Math.Round(flat.Width * scale));
        var height = Math.Max(1, (int)Math.Round(flat.Height * scale));
        using var small = scale < 1.0 ? SkiaImageDecoder.Resize(flat, width, height) : flat.Copy();
        var span = small.GetPixelSpan();
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
        {
            rgb[i * 3] = span[i * 4];
            rgb[(i * 3) + 1] = span[(i * 4) + 1];
            rgb[(i * 3) + 2] = span[(i * 4) + 2];
        }

        return new PixelPrint(width, height, rgb);
    }
}
