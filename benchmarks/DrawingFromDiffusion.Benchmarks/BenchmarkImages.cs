using SkiaSharp;

namespace DrawingFromDiffusion.Benchmarks;

/// <summary>
/// Realistic inputs made at benchmark start: a GNOME wallpaper (Debian gnome-backgrounds) with an
/// openclipart drawing (openclipart-png) pasted on it, encoded at the asked size. Falls back to a
/// generated picture when those packages are missing, and says so.
/// </summary>
public static class BenchmarkImages
{
    private const string Wallpapers = "/usr/share/backgrounds/gnome";
    private const string Clipart = "/usr/share/openclipart/png";

    public static byte[] Make(int side, SKEncodedImageFormat format, int quality = 90)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            var wallpaper = Directory.Exists(Wallpapers)
                ? Directory.GetFiles(Wallpapers, "*.webp").Order(StringComparer.Ordinal).FirstOrDefault(f => f.Contains("wood", StringComparison.Ordinal))
                    ?? Directory.GetFiles(Wallpapers, "*.webp").Order(StringComparer.Ordinal).FirstOrDefault()
                : null;
            using var paint = new SKPaint();
            if (wallpaper is not null)
            {
                using var background = SKImage.FromEncodedData(wallpaper);
                canvas.DrawImage(background, new SKRect(0, 0, side, side), new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
            }
            else
            {
                Console.Error.WriteLine("gnome-backgrounds is not installed: using a generated background (apt-get install gnome-backgrounds openclipart-png)");
                using var shader = SKShader.CreatePerlinNoiseFractalNoise(0.01f, 0.01f, 4, 1);
                paint.Shader = shader;
                canvas.DrawRect(0, 0, side, side, paint);
            }

            var clip = Directory.Exists(Clipart)
                ? Directory.EnumerateFiles(Clipart, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Skip(100).FirstOrDefault()
                : null;
            if (clip is not null)
            {
                using var drawing = SKImage.FromEncodedData(clip);
                var scale = side * 0.6f / Math.Max(drawing.Width, drawing.Height);
                canvas.DrawImage(drawing, SKRect.Create(side * 0.2f, side * 0.2f, drawing.Width * scale, drawing.Height * scale), new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }
}
