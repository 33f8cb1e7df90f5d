using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Models;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Clip;

/// <summary>
/// The reference image transforms (docs: clip-preprocess.md) on SkiaSharp-decoded pixels: OpenAI order
/// (resize in the decoded mode, premultiplied for alpha, NEAREST for palettes, crop, then RGB) or HF/Immich
/// order (RGB first). No EXIF rotation, as none of the references rotate. Thread-safe.
/// </summary>
public sealed class ClipPreprocessor(ImageTowerSpec spec)
{
    private readonly float[] _mean = spec.Mean;
    private readonly float[] _std = spec.Std;

    public ImageTowerSpec Spec { get; } = spec;

    /// <summary>Decodes and transforms to a CHW float tensor of Size×Size×3.</summary>
    public float[] Prepare(Stream content, long maxPixels) => Normalize(ResizeAndCrop(SourceImage.Decode(content, maxPixels, Spec.Size)));

    /// <summary>The Size×Size RGB crop (HWC bytes) before the float stage.</summary>
    internal byte[] ResizeAndCrop(SourceImage image)
    {
        var size = Spec.Size;
        int newW, newH;
        if (Spec.Resize == "squash")
        {
            (newW, newH) = (size, size);
        }
        else
        {
            var (shortSide, longSide) = image.Width <= image.Height ? (image.Width, image.Height) : (image.Height, image.Width);
            var newLong = Spec.SizeRounding == "immich"
                ? (int)((double)longSide / shortSide * size)
                : (int)((double)(size * longSide) / shortSide);
            (newW, newH) = image.Width <= image.Height ? (size, newLong) : (newLong, size);
        }

        var flatten = Spec.Background == "white";
        var convertFirst = flatten || Spec.ConvertRgb == "before_resize";
        var channels = 4;
        var pixels = image.Rgba;
        if (flatten)
        {
            pixels = FlattenOntoWhite(pixels);
            channels = 3;
        }
        else if (convertFirst || image.Mode is SourceMode.Rgb or SourceMode.Gray)
        {
            pixels = DropAlpha(pixels);
            channels = 3;
        }

        if (newW != image.Width || newH != image.Height)
        {
            if (!convertFirst && image.Mode == SourceMode.Palette)
            {
                pixels = PillowResample.Nearest(pixels, image.Width, image.Height, channels, newW, newH);
            }
            else if (channels == 4)
            {
                Premultiply(pixels);
                pixels = PillowResample.Bicubic(pixels, image.Width, image.Height, 4, newW, newH);
                Unpremultiply(pixels);
            }
            else
            {
                pixels = PillowResample.Bicubic(pixels, image.Width, image.Height, channels, newW, newH);
            }
        }

        var left = CropOffset(newW - size);
        var top = CropOffset(newH - size);
        var crop = new byte[size * size * 3];
        for (var y = 0; y < size; y++)
        {
            var sy = y + top;
            for (var x = 0; x < size; x++)
            {
                var sx = x + left;
                var o = ((y * size) + x) * 3;
                if (sx < 0 || sy < 0 || sx >= newW || sy >= newH)
                {
                    continue;
                }

                var s = ((sy * newW) + sx) * channels;
                crop[o] = pixels[s];
                crop[o + 1] = pixels[s + 1];
                crop[o + 2] = pixels[s + 2];
            }
        }

        return crop;
    }

    internal float[] Normalize(byte[] crop)
    {
        var plane = Spec.Size * Spec.Size;
        var tensor = new float[plane * 3];
        var bgr = Spec.ChannelOrder == "bgr";
        var scale = Spec.PixelScale;
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                var source = bgr ? 2 - c : c;
                var v = crop[(i * 3) + source] / scale;
                tensor[(c * plane) + i] = (v - _mean[c]) / _std[c];
            }
        }

        return tensor;
    }

    private int CropOffset(int diff) => Spec.CropRounding == "floor"
        ? (int)Math.Floor(diff / 2.0)
        : (int)Math.Round(diff / 2.0, MidpointRounding.ToEven);

    private static byte[] DropAlpha(byte[] rgba)
    {
        var rgb = new byte[rgba.Length / 4 * 3];
        for (int i = 0, j = 0; i < rgba.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }

        return rgb;
    }

    /// <summary>Straight alpha over white, rounded as the duplicate hashes do (PixelPrints).</summary>
    private static byte[] FlattenOntoWhite(byte[] rgba)
    {
        var rgb = new byte[rgba.Length / 4 * 3];
        for (int i = 0, j = 0; i < rgba.Length; i += 4, j += 3)
        {
            var a = rgba[i + 3];
            for (var c = 0; c < 3; c++)
            {
                rgb[j + c] = (byte)(((rgba[i + c] * a) + (255 * (255 - a)) + 127) / 255);
            }
        }

        return rgb;
    }

    /// <summary>Pillow RGBA→RGBa: <c>MULDIV255(c, a)</c>.</summary>
    private static void Premultiply(byte[] rgba)
    {
        for (var i = 0; i < rgba.Length; i += 4)
        {
            var a = rgba[i + 3];
            for (var c = 0; c < 3; c++)
            {
                var t = (rgba[i + c] * a) + 128;
                rgba[i + c] = (byte)(((t >> 8) + t) >> 8);
            }
        }
    }

    /// <summary>Pillow RGBa→RGBA: <c>min(255, 255·c / a)</c>, untouched where a is 0 or 255.</summary>
    private static void Unpremultiply(byte[] rgba)
    {
        for (var i = 0; i < rgba.Length; i += 4)
        {
            var a = rgba[i + 3];
            if (a is 0 or 255)
            {
                continue;
            }

            for (var c = 0; c < 3; c++)
            {
                rgba[i + c] = (byte)Math.Min(255, 255 * rgba[i + c] / a);
            }
        }
    }
}
