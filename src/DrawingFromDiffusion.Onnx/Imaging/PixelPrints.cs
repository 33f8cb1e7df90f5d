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
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width < 1 || codec.Info.Height < 1)
        {
            return null;
        }

        // The WebP decoder scales while decoding: far cheaper than decoding 256 px and resizing.
        var scale = Math.Min(1f, (float)PixelPrint.LongSide / Math.Max(codec.Info.Width, codec.Info.Height));
        var size = scale < 1 ? codec.GetScaledDimensions(scale) : codec.Info.Size;
        var info = new SKImageInfo(Math.Max(1, size.Width), Math.Max(1, size.Height), SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return null;
        }

        var span = bitmap.GetPixelSpan();
        var rgb = new byte[info.Width * info.Height * 3];
        for (var i = 0; i < info.Width * info.Height; i++)
        {
            var alpha = span[(i * 4) + 3];
            for (var c = 0; c < 3; c++)
            {
                rgb[(i * 3) + c] = (byte)(((span[(i * 4) + c] * alpha) + (255 * (255 - alpha)) + 127) / 255);
            }
        }

        return new PixelPrint(info.Width, info.Height, rgb);
    }
}
