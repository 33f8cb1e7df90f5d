using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Imaging;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Imaging;

/// <summary>
/// The one place pixels are decoded. Checks the declared size before decoding a pixel, decodes
/// JPEGs at a reduced scale when only small outputs are needed, and applies EXIF orientation.
/// </summary>
public static class SkiaImageDecoder
{
    /// <summary>About 480 MB of RGBA at once, whatever the worker count.</summary>
    private static readonly PixelBudget _budget = new(120_000_000);

    /// <summary>Decodes the first frame, upright, with its shortest side at least <paramref name="minShortSide"/> where the codec can scale.</summary>
    /// <param name="cancellationToken">reaches every read of <paramref name="content"/>: once cancelled, the decoder sees the
    /// end of the data at its next read and this throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ImageRejectedException">not decodable; the message says why.</exception>
    public static DecodedImage Decode(Stream content, ImageFormat format, long maxPixels, int minShortSide, CancellationToken cancellationToken = default)
    {
        var guarded = new CancellableReadStream(content, cancellationToken);
        using var codec = SkiaCodecs.Open(guarded, out var createResult);
        guarded.ThrowIfCut();
        if (codec is null)
        {
            throw new ImageRejectedException(createResult switch
            {
                SKCodecResult.IncompleteInput => $"truncated {Name(format)}: the header ends early",
                _ => $"corrupt {Name(format)}: the header cannot be read ({createResult})",
            });
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new ImageRejectedException($"{Name(format)} declares an empty size ({info.Width}×{info.Height})");
        }

        var pixels = (long)info.Width * info.Height;
        if (pixels > maxPixels)
        {
            throw new ImageRejectedException(
                $"{Name(format)} declares {info.Width}×{info.Height} = {pixels / 1e6:0.#} megapixels, above the {maxPixels / 1e6:0.#} MP limit (--max-megapixels)");
        }

        var size = ScaledSize(codec, minShortSide);
        var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (_budget.Acquire((long)size.Width * size.Height, cancellationToken))
        {
            var bitmap = new SKBitmap(target);
            var result = codec.GetPixels(target, bitmap.GetPixels());
            if (result != SKCodecResult.Success || guarded.Cut)
            {
                bitmap.Dispose();
                guarded.ThrowIfCut();
                throw new ImageRejectedException(result switch
                {
                    SKCodecResult.IncompleteInput => $"truncated {Name(format)}: the image data ends early",
                    SKCodecResult.ErrorInInput => $"corrupt {Name(format)}: the image data is damaged",
                    _ => $"cannot decode {Name(format)} ({result})",
                });
            }

            var upright = Orient(bitmap, codec.EncodedOrigin);
            var (width, height) = Swaps(codec.EncodedOrigin) ? (info.Height, info.Width) : (info.Width, info.Height);
            return new DecodedImage(upright, width, height);
        }
    }

    /// <summary>Holds back a decode of <paramref name="pixels"/> pixels while others hold the budget.</summary>
    internal static IDisposable AcquirePixels(long pixels, CancellationToken cancellationToken) => _budget.Acquire(pixels, cancellationToken);

    /// <summary>Resizes with good quality for large reductions: halving with linear filtering, then one cubic step.</summary>
    public static SKBitmap Resize(SKBitmap source, int width, int height)
    {
        var current = source;
        while (current.Width / 2 >= width && current.Height / 2 >= height)
        {
            var half = current.Resize(new SKImageInfo(current.Width / 2, current.Height / 2, current.ColorType, current.AlphaType), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
            if (!ReferenceEquals(current, source))
            {
                current.Dispose();
            }

            current = half;
        }

        var result = current.Resize(new SKImageInfo(width, height, current.ColorType, current.AlphaType), new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (!ReferenceEquals(current, source))
        {
            current.Dispose();
        }

        return result;
    }

    internal static SKSizeI ScaledSize(SKCodec codec, int minShortSide)
    {
        var full = codec.Info.Size;
        var best = full;
        // JPEG decodes at 1/2, 1/4, 1/8 for free; other codecs answer with the full size.
        foreach (var scale in new[] { 0.5f, 0.25f, 0.125f })
        {
            var scaled = codec.GetScaledDimensions(scale);
            if (Math.Min(scaled.Width, scaled.Height) >= minShortSide && scaled.Width < best.Width)
            {
                best = scaled;
            }
        }

        return best;
    }

    internal static bool Swaps(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    internal static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or 0)
        {
            return bitmap;
        }

        var (w, h) = Swaps(origin) ? (bitmap.Height, bitmap.Width) : (bitmap.Width, bitmap.Height);
        var rotated = new SKBitmap(new SKImageInfo(w, h, bitmap.ColorType, bitmap.AlphaType));
        using (var canvas = new SKCanvas(rotated))
        {
            // The matrices map the stored pixels to the upright view (EXIF orientations 2–8).
            var bw = bitmap.Width;
            var bh = bitmap.Height;
            var matrix = origin switch
            {
                SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, bw, 0, 1, 0, 0, 0, 1),
                SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, bw, 0, -1, bh, 0, 0, 1),
                SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, bh, 0, 0, 1),
                SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
                SKEncodedOrigin.RightTop => new SKMatrix(0, -1, bh, 1, 0, 0, 0, 0, 1),
                SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, bh, -1, 0, bw, 0, 0, 1),
                SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, bw, 0, 0, 1),
                _ => SKMatrix.Identity,
            };
            canvas.SetMatrix(matrix);
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }

        bitmap.Dispose();
        return rotated;
    }

    private static string Name(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "JPEG",
        ImageFormat.WebP => "WebP",
        ImageFormat.Unknown => "image",
        _ => format.ToString().ToUpperInvariant(),
    };
}

/// <summary>Decoded, upright pixels (possibly at a reduced scale) and the image's full upright size.</summary>
public sealed record DecodedImage(SKBitmap Pixels, int Width, int Height) : IDisposable
{
    public void Dispose() => Pixels.Dispose();
}
