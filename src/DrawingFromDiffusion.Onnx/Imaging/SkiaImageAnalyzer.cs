using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Hashing;
using DrawingFromDiffusion.Core.Imaging;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Imaging;

/// <summary>One decode per file → size, perceptual hashes and a WebP thumbnail.</summary>
public sealed class SkiaImageAnalyzer : IImageAnalyzer
{
    public ImageFacts Analyze(Stream content, ImageFormat format, ImageLimits limits, CancellationToken cancellationToken = default)
    {
        using var decoded = SkiaImageDecoder.Decode(content, format, limits.MaxPixels, limits.ThumbnailSize, cancellationToken);
        using var thumbnail = Thumbnail(decoded.Pixels, limits.ThumbnailSize);
        var phash = PerceptualHash.PHash(Gray(thumbnail, PerceptualHash.PHashSide, PerceptualHash.PHashSide));
        var dhash = PerceptualHash.DHash(Gray(thumbnail, PerceptualHash.DHashWidth, PerceptualHash.DHashHeight));
        using var image = SKImage.FromBitmap(thumbnail);
        using var webp = image.Encode(SKEncodedImageFormat.Webp, 80)
            ?? throw new InvalidOperationException("SkiaSharp cannot encode WebP thumbnails on this platform");
        return new ImageFacts(format, decoded.Width, decoded.Height, phash, dhash, webp.ToArray());
    }

    private static SKBitmap Thumbnail(SKBitmap pixels, int maxSide)
    {
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(pixels.Width, pixels.Height));
        var width = Math.Max(1, (int)Math.Round(pixels.Width * scale));
        var height = Math.Max(1, (int)Math.Round(pixels.Height * scale));
        return scale >= 1.0 ? pixels.Copy() : SkiaImageDecoder.Resize(pixels, width, height);
    }

    /// <summary>
    /// Luminance as Pillow's "L" mode computes it, on a resized copy, with transparency composited onto white — as a
    /// re-save to JPEG flattens it — so a flattened copy of a transparent picture hashes like the picture. (The
    /// premultiplied pixels alone would put black line art on a transparent background onto black: no picture.)
    /// </summary>
    internal static float[] Gray(SKBitmap source, int width, int height)
    {
        using var small = SkiaImageDecoder.Resize(source, width, height);
        var gray = new float[width * height];
        var span = small.GetPixelSpan();
        for (var i = 0; i < gray.Length; i++)
        {
            var white = 255 - span[(i * 4) + 3];
            var r = span[i * 4] + white;
            var g = span[(i * 4) + 1] + white;
            var b = span[(i * 4) + 2] + white;
            gray[i] = ((r * 299) + (g * 587) + (b * 114)) / 1000f;
        }

        return gray;
    }
}
