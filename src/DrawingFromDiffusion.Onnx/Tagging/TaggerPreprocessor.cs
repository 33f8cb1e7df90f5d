using DrawingFromDiffusion.Onnx.Clip;

namespace DrawingFromDiffusion.Onnx.Tagging;

/// <summary>
/// The WD14 reference transform: RGBA composited on white, padded to a centred square with white, bicubic (Pillow) to
/// the model's size, RGB to BGR, 0–255 floats in NHWC.
/// </summary>
internal static class TaggerPreprocessor
{
    public static float[] Prepare(Stream content, long maxPixels, int size)
    {
        var image = SourceImage.Decode(content, maxPixels, size);
        var (w, h) = (image.Width, image.Height);
        var side = Math.Max(w, h);
        var square = new byte[side * side * 3];
        Array.Fill(square, (byte)255);
        var (left, top) = ((side - w) / 2, (side - h) / 2);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var s = ((y * w) + x) * 4;
                var o = (((y + top) * side) + x + left) * 3;
                var alpha = image.Rgba[s + 3];
                for (var c = 0; c < 3; c++)
                {
                    // Pillow's alpha_composite over opaque white, rounded.
                    square[o + c] = (byte)(((image.Rgba[s + c] * alpha) + (255 * (255 - alpha)) + 127) / 255);
                }
            }
        }

        var pixels = side == size ? square : PillowResample.Bicubic(square, side, side, 3, size, size);
        var tensor = new float[size * size * 3];
        for (var i = 0; i < size * size; i++)
        {
            tensor[(i * 3) + 0] = pixels[(i * 3) + 2];
            tensor[(i * 3) + 1] = pixels[(i * 3) + 1];
            tensor[(i * 3) + 2] = pixels[i * 3];
        }

        return tensor;
    }
}
