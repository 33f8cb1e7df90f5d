using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Similar;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Imaging;

/// <summary>Makes <see cref="PixelPrint"/>s from the catalog's WebP thumbnails, transparency flattened onto white (or kept: <see cref="CopyPrint"/>).</summary>
public static class PixelPrints
{
    /// <returns>null when the thumbnail cannot be decoded.</returns>
    public static PixelPrint? FromThumbnail(byte[] encoded) => CopyPrintFromThumbnail(encoded)?.OnWhite;

    /// <summary>The thumbnail at <see cref="PixelPrint.LongSide"/> with its transparency kept, for the copy check of `dfd similar`.</summary>
    /// <returns>null when the thumbnail cannot be decoded.</returns>
    public static CopyPrint? CopyPrintFromThumbnail(byte[] encoded)
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

        return new CopyPrint(info.Width, info.Height, bitmap.GetPixelSpan().ToArray());
    }
}
