using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Rendering;

/// <summary>
/// Draws the 2-D cluster map: one dot per image coloured by cluster, and each cluster's medoid thumbnail at its place,
/// framed in the cluster colour and numbered.
/// </summary>
public static class ClusterMapRenderer
{
    private const int Margin = 48;
    private const int Thumb = 56;

    /// <param name="points">(x, y) per image, row after row.</param>
    /// <param name="clusters">the cluster of every image.</param>
    /// <param name="medoids">per cluster, the image row of its medoid (−1 for none) and its encoded thumbnail (null for none).</param>
    public static void Write(string path, int width, int height, ReadOnlySpan<float> points, IReadOnlyList<int> clusters, IReadOnlyList<(int Row, byte[]? Thumbnail)> medoids)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(medoids);
        var n = clusters.Count;
        float minX = float.MaxValue, maxX = float.MinValue, minY = float.MaxValue, maxY = float.MinValue;
        for (var i = 0; i < n; i++)
        {
            minX = Math.Min(minX, points[2 * i]);
            maxX = Math.Max(maxX, points[2 * i]);
            minY = Math.Min(minY, points[(2 * i) + 1]);
            maxY = Math.Max(maxY, points[(2 * i) + 1]);
        }

        var spanX = maxX > minX ? maxX - minX : 1;
        var spanY = maxY > minY ? maxY - minY : 1;
        var pts = points.ToArray();
        SKPoint At(int row) => new(
            Margin + ((pts[2 * row] - minX) / spanX * (width - (2 * Margin))),
            Margin + ((pts[(2 * row) + 1] - minY) / spanY * (height - (2 * Margin))));

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var dot = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        for (var i = 0; i < n; i++)
        {
            dot.Color = ColorOf(clusters[i]).WithAlpha(200);
            canvas.DrawCircle(At(i), 3.5f, dot);
        }

        using var frame = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 4 };
        using var text = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        using var font = new SKFont(SKTypeface.Default, 14);
        for (var c = 0; c < medoids.Count; c++)
        {
            var (row, thumbnail) = medoids[c];
            if (row < 0)
            {
                continue;
            }

            var centre = At(row);
            var rect = SKRect.Create(
                Math.Clamp(centre.X - (Thumb / 2f), 0, width - Thumb),
                Math.Clamp(centre.Y - (Thumb / 2f), 0, height - Thumb),
                Thumb,
                Thumb);
            if (thumbnail is not null)
            {
                using var image = SKImage.FromEncodedData(thumbnail);
                if (image is not null)
                {
                    canvas.DrawImage(image, rect, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
                }
            }

            frame.Color = ColorOf(c);
            canvas.DrawRect(rect, frame);
            canvas.DrawText((c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), rect.Left + 2, rect.Top - 4, SKTextAlign.Left, font, text);
        }

        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        using var stream = File.Create(path);
        png.SaveTo(stream);
    }

    /// <summary>A stable, well-spread colour per cluster (golden-angle hues).</summary>
    public static SKColor ColorOf(int cluster) =>
        SKColor.FromHsl((float)(cluster * 137.508 % 360), 70, 45);

    /// <summary>The same colour as CSS, for the contact sheets.</summary>
    public static string CssColorOf(int cluster)
    {
        var c = ColorOf(cluster);
        return $"#{c.Red:x2}{c.Green:x2}{c.Blue:x2}";
    }
}
