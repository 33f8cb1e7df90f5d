using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Hashing;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Clip;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Imaging;

/// <summary>
/// One decode per file → size, perceptual hashes and a WebP thumbnail; with a <paramref name="model"/>, the model's
/// input too (<see cref="ImageFacts.ModelInput"/>), made from the same decode exactly as the embedding pass would make it.
/// </summary>
/// <param name="model">the active pack's preprocessing; null when no model runs during the scan.</param>
/// <param name="modelMaxPixels">the embedding pass's own pixel limit, so the scan prepares no image the pass would refuse.</param>
public sealed class SkiaImageAnalyzer(ClipPreprocessor? model = null, long modelMaxPixels = long.MaxValue) : IImageAnalyzer
{
    public ImageFacts Analyze(Stream content, ImageFormat format, ImageLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (model is not null && content.CanSeek && content.Position == 0 && content.Length <= int.MaxValue)
        {
            var shared = AnalyzeWithModel(model, content, format, limits, cancellationToken);
            if (shared is not null)
            {
                return shared;
            }

            content.Position = 0;
        }

        using var decoded = SkiaImageDecoder.Decode(content, format, limits.MaxPixels, limits.ThumbnailSize, cancellationToken);
        return Describe(decoded, format, limits);
    }

    /// <summary>
    /// Decodes as the model's preprocessing does (straight alpha, as stored, at the model's JPEG scale) and derives the
    /// catalog's pixels from that: premultiplied and turned upright, as <see cref="SkiaImageDecoder"/> would have decoded
    /// them. Where the catalog wants a smaller JPEG scale, the JPEG is decoded once more at that scale from the bytes
    /// in memory, so the catalog's facts never depend on whether a model is active.
    /// </summary>
    /// <returns>null when this path cannot serve the file (damaged, refused): the plain decode then says why.</returns>
    private ImageFacts? AnalyzeWithModel(ClipPreprocessor preprocessor, Stream content, ImageFormat format, ImageLimits limits, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = Bytes(content);
        IDisposable? lease = null;
        var origin = SKEncodedOrigin.TopLeft;
        var full = default(SKSizeI);
        var catalogSize = default(SKSizeI);
        try
        {
            SourceImage source;
            try
            {
                source = SourceImage.Decode(bytes, Math.Min(limits.MaxPixels, modelMaxPixels), preprocessor.Spec.Size, (codec, size) =>
                {
                    origin = codec.EncodedOrigin;
                    full = codec.Info.Size;
                    catalogSize = SkiaImageDecoder.ScaledSize(codec, limits.ThumbnailSize);
                    lease = SkiaImageDecoder.AcquirePixels((long)size.Width * size.Height, cancellationToken);
                });
            }
            catch (ImageRejectedException)
            {
                return null;
            }

            if (!source.Complete)
            {
                return null;
            }

            ImageFacts facts;
            if (catalogSize.Width == source.Width && catalogSize.Height == source.Height)
            {
                var upright = SkiaImageDecoder.Orient(Premultiplied(source), origin);
                var (width, height) = SkiaImageDecoder.Swaps(origin) ? (full.Height, full.Width) : (full.Width, full.Height);
                using var decoded = new DecodedImage(upright, width, height);
                facts = Describe(decoded, format, limits);
            }
            else
            {
                using var decoded = SkiaImageDecoder.Decode(new MemoryStream(bytes, writable: false), format, limits.MaxPixels, limits.ThumbnailSize, cancellationToken);
                facts = Describe(decoded, format, limits);
            }

            // After the catalog's copy: the preprocessing may work on the decoded pixels in place.
            return facts with { ModelInput = new ImageTensor(preprocessor.Normalize(preprocessor.ResizeAndCrop(source))) };
        }
        finally
        {
            lease?.Dispose();
        }
    }

    private static byte[] Bytes(Stream content)
    {
        if (content is MemoryStream memory && memory.TryGetBuffer(out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length)
        {
            return segment.Array;
        }

        using var copy = new MemoryStream();
        content.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The straight-alpha pixels premultiplied by Skia's own conversion, the one its codecs apply when decoding to premultiplied.</summary>
    private static SKBitmap Premultiplied(SourceImage source)
    {
        var info = new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(source.Rgba, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            using var straight = new SKPixmap(info.WithAlphaType(SKAlphaType.Unpremul), handle.AddrOfPinnedObject());
            if (!straight.ReadPixels(bitmap.Info, bitmap.GetPixels(), bitmap.RowBytes))
            {
                bitmap.Dispose();
                throw new InvalidOperationException("SkiaSharp cannot premultiply RGBA pixels");
            }
        }
        finally
        {
            handle.Free();
        }

        return bitmap;
    }

    private static ImageFacts Describe(DecodedImage decoded, ImageFormat format, ImageLimits limits)
    {
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
