using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Imaging;

/// <summary>Re-encodes a picture for a training set: scaled to cover a bucket and centre-cropped to it, or as it is, as PNG.</summary>
public static class TrainingImageWriter
{
    /// <summary>The picture as PNG, at <paramref name="size"/> when given (scaled to cover, centre-cropped); null when it cannot be decoded.</summary>
    public static byte[]? ToPng(byte[] encoded, (int Width, int Height)? size)
    {
        using var codec = SkiaCodecs.Open(encoded);
        if (codec is null)
        {
            return null;
        }

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return null;
        }

        var (width, height) = size ?? (decoded.Width, decoded.Height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        var scale = Math.Max((float)width / decoded.Width, (float)height / decoded.Height);
        var drawn = new SKRect(0, 0, decoded.Width * scale, decoded.Height * scale);
        drawn.Offset((width - drawn.Width) / 2, (height - drawn.Height) / 2);
        using var image = SKImage.FromBitmap(decoded);
        canvas.DrawImage(image, drawn, new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return png?.ToArray();
    }
}
