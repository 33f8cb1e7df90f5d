using System.Globalization;
using DrawingFromDiffusion.App.Contracts;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Onnx.Imaging;

namespace DrawingFromDiffusion.App.Browsing;

/// <summary>Checks an uploaded query image's container and declared size, then decodes it once under the pixel cap.</summary>
internal static class UploadDecoder
{
    public static DecodedUpload Decode(byte[] bytes, long maxPixels)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var format = FormatSniffer.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, FormatSniffer.HeaderLength)));
        if (format == ImageFormat.Unknown)
        {
            return new(null, UploadFault.Unsupported, "The file is not a PNG, JPEG, WebP, GIF or BMP image.");
        }

        var size = ImageHeader.ReadSize(new MemoryStream(bytes, writable: false));
        if (size is not { } declared)
        {
            return new(null, UploadFault.Unreadable, $"The {format} image's header cannot be read (truncated or corrupt).");
        }

        var pixels = (long)declared.Width * declared.Height;
        if (pixels > maxPixels)
        {
            return new(null, UploadFault.TooLarge, string.Create(
                CultureInfo.InvariantCulture,
                $"The image declares {declared.Width}×{declared.Height} = {pixels / 1e6:0.#} megapixels; at most {maxPixels / 1e6:0.#} megapixels are decoded."));
        }

        try
        {
            var facts = new SkiaImageAnalyzer().Analyze(new MemoryStream(bytes, writable: false), format, new ImageLimits(MaxPixels: maxPixels));
            return new(new QueryImage(bytes, format, facts), null, null);
        }
        catch (ImageRejectedException ex)
        {
            return new(null, UploadFault.Unreadable, $"The image cannot be decoded: {ex.Message}.");
        }
    }
}
