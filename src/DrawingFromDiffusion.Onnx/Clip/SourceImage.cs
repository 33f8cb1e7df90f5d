using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Imaging;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Clip;

/// <summary>Decoded pixels as stored (straight RGBA, not premultiplied, not rotated) and the mode Pillow would open them in.</summary>
internal sealed record SourceImage(byte[] Rgba, int Width, int Height, SourceMode Mode)
{
    /// <summary>False when the data ended early and the missing rows were filled in (the model still takes such an image).</summary>
    public bool Complete { get; init; } = true;

    /// <summary>JPEGs are decoded at 1/2, 1/4 or 1/8 scale while the short side stays at least twice <paramref name="targetSize"/>.</summary>
    public static SourceImage Decode(Stream content, long maxPixels, int targetSize)
    {
        byte[] bytes;
        if (content is MemoryStream ms && ms.TryGetBuffer(out var segment) && segment.Offset == 0 && ms.Position == 0)
        {
            bytes = segment.Count == segment.Array!.Length ? segment.Array : segment.ToArray();
        }
        else
        {
            using var copy = new MemoryStream();
            content.CopyTo(copy);
            bytes = copy.ToArray();
        }

        return Decode(bytes, maxPixels, targetSize);
    }

    /// <param name="opened">sees the codec once its header is checked and the decode size chosen, before any pixel is decoded.</param>
    public static SourceImage Decode(byte[] bytes, long maxPixels, int targetSize, Action<SKCodec, SKSizeI>? opened = null)
    {
        using var codec = SkiaCodecs.Open(bytes) ?? throw new ImageRejectedException("not a decodable image (PNG, JPEG, WebP, GIF or BMP)");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new ImageRejectedException($"the image declares an empty size ({info.Width}×{info.Height})");
        }

        if ((long)info.Width * info.Height > maxPixels)
        {
            throw new ImageRejectedException($"{info.Width}×{info.Height} is above the {maxPixels / 1e6:0.#} MP limit");
        }

        var mode = ModeOf(bytes, codec);
        var size = info.Size;
        if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg)
        {
            foreach (var scale in new[] { 0.125f, 0.25f, 0.5f })
            {
                var scaled = codec.GetScaledDimensions(scale);
                if (Math.Min(scaled.Width, scaled.Height) >= targetSize * 2)
                {
                    size = scaled;
                    break;
                }
            }
        }

        opened?.Invoke(codec, size);
        var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[size.Width * size.Height * 4];
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(pixels, System.Runtime.InteropServices.GCHandleType.Pinned);
        SKCodecResult result;
        try
        {
            result = codec.GetPixels(target, handle.AddrOfPinnedObject());
            if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            {
                throw new ImageRejectedException($"cannot decode the image ({result})");
            }
        }
        finally
        {
            handle.Free();
        }

        return new SourceImage(pixels, size.Width, size.Height, mode) { Complete = result == SKCodecResult.Success };
    }

    private static SourceMode ModeOf(byte[] bytes, SKCodec codec)
    {
        if (codec.EncodedFormat == SKEncodedImageFormat.Png && bytes.Length > 25)
        {
            return bytes[25] switch
            {
                0 => SourceMode.Gray,
                3 => SourceMode.Palette,
                4 => SourceMode.GrayAlpha,
                6 => SourceMode.Rgba,
                _ => SourceMode.Rgb,
            };
        }

        if (codec.EncodedFormat == SKEncodedImageFormat.Gif)
        {
            return SourceMode.Palette;
        }

        if (codec.Info.ColorType == SKColorType.Gray8)
        {
            return SourceMode.Gray;
        }

        return codec.Info.AlphaType == SKAlphaType.Opaque ? SourceMode.Rgb : SourceMode.Rgba;
    }
}
