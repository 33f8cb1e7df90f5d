using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Rendering;

/// <summary>
/// Draws the 2-D cluster map: one dot per image coloured by cluster, each cluster's number in bold at the middle of
/// its dots, its medoid thumbnail framed in the cluster colour beside it, and a legend (colour, number, label) on the
/// right.
/// </summary>
public static class ClusterMapRenderer
{
    private const int Margin = 48;
    private const int Thumb = 56;
    private const int LegendWidth = 300;
    private const int LegendRow = 20;

    /// <param name="points">(x, y) per image, row after row.</param>
    /// <param name="clusters">the cluster of every image.</param>
    /// <param name="medoids">per cluster, the image row of its medoid (−1 for none) and its encoded thumbnail (null for none).</param>
    /// <param name="legend">per cluster, the text after its number in the legend.</param>
    public static void Write(string path, int width, int height, ReadOnlySpan<float> points, IReadOnlyList<int> clusters, IReadOnlyList<(int Row, byte[]? Thumbnail)> medoids, IReadOnlyList<string> legend)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(medoids);
        ArgumentNullException.ThrowIfNull(legend);
        var n = clusters.Count;
        var mapWidth = width - LegendWidth;
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
        // One scale for both axes, so a round cluster stays round; the picture is centred in the map area.
        var scale = Math.Min((mapWidth - (2 * Margin)) / spanX, (height - (2 * Margin)) / spanY);
        var left = (mapWidth - (spanX * scale)) / 2;
        var top = (height - (spanY * scale)) / 2;
        var pts = points.ToArray();
        SKPoint At(int row) => new(
            left + ((pts[2 * row] - minX) * scale),
            top + ((pts[(2 * row) + 1] - minY) * scale));

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var dot = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        for (var i = 0; i < n; i++)
        {
            dot.Color = ColorOf(clusters[i]).WithAlpha(200);
            canvas.DrawCircle(At(i), 3.5f, dot);
        }

        var middles = Middles(n, medoids.Count, clusters, At);
        using var frame = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 4 };
        using var text = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        using var font = new SKFont(MapFonts.Regular, 13);
        for (var c = 0; c < medoids.Count; c++)
        {
            var (row, thumbnail) = medoids[c];
            if (row < 0)
            {
                continue;
            }

            // The thumbnail sits above and to the right of the cluster's middle, leaving the number readable.
            var centre = middles[c];
            var rect = SKRect.Create(
                Math.Clamp(centre.X + 10, 0, mapWidth - Thumb),
                Math.Clamp(centre.Y - Thumb - 10, 0, height - Thumb),
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
        }

        DrawNumbers(canvas, middles, mapWidth, height);
        DrawLegend(canvas, mapWidth, height, legend, font, text);

        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        using var stream = File.Create(path);
        png.SaveTo(stream);
    }

    /// <summary>A stable, well-spread colour per cluster: golden-angle hues, and three lightnesses in turn so that
    /// neighbouring hues of many clusters still differ.</summary>
    public static SKColor ColorOf(int cluster) =>
        SKColor.FromHsl((float)(cluster * 137.508 % 360), 75, (cluster % 3) switch { 0 => 42, 1 => 30, _ => 56 });

    // The mean position of each cluster's dots (a cluster without dots gets none drawn: NaN).
    private static SKPoint[] Middles(int n, int k, IReadOnlyList<int> clusters, Func<int, SKPoint> at)
    {
        var sums = new (double X, double Y, int Count)[k];
        for (var i = 0; i < n; i++)
        {
            var p = at(i);
            var c = clusters[i];
            sums[c] = (sums[c].X + p.X, sums[c].Y + p.Y, sums[c].Count + 1);
        }

        return [.. sums.Select(s => s.Count == 0 ? new SKPoint(float.NaN, float.NaN) : new SKPoint((float)(s.X / s.Count), (float)(s.Y / s.Count)))];
    }

    private static void DrawNumbers(SKCanvas canvas, SKPoint[] middles, int width, int height)
    {
        using var font = new SKFont(MapFonts.Bold, 20);
        using var halo = new SKPaint { IsAntialias = true, Color = SKColors.White, Style = SKPaintStyle.Stroke, StrokeWidth = 5 };
        using var ink = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        for (var c = 0; c < middles.Length; c++)
        {
            if (float.IsNaN(middles[c].X))
            {
                continue;
            }

            var number = (c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            // A cluster at the edge keeps its whole number on the picture.
            var x = Math.Clamp(middles[c].X, 16, width - 16);
            var baseline = Math.Clamp(middles[c].Y + 7, 22, height - 4);
            canvas.DrawText(number, x, baseline, SKTextAlign.Center, font, halo);
            ink.Color = ColorOf(c);
            canvas.DrawText(number, x, baseline, SKTextAlign.Center, font, ink);
        }
    }

    private static void DrawLegend(SKCanvas canvas, int left, int height, IReadOnlyList<string> legend, SKFont font, SKPaint text)
    {
        using var swatch = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var rule = new SKPaint { Color = new SKColor(0xdd, 0xdd, 0xdd), StrokeWidth = 1 };
        canvas.DrawLine(left, Margin / 2f, left, height - (Margin / 2f), rule);
        var rows = Math.Max(1, ((height - Margin) / LegendRow) - 1);
        for (var c = 0; c < legend.Count && c < rows; c++)
        {
            var y = (Margin / 2f) + (c * LegendRow);
            swatch.Color = ColorOf(c);
            canvas.DrawRect(SKRect.Create(left + 12, y + 3, 14, 14), swatch);
            var line = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{c + 1}  {legend[c]}");
            while (line.Length > 4 && font.MeasureText(line) > LegendWidth - 44)
            {
                line = line[..^2] + "…";
            }

            canvas.DrawText(line, left + 32, y + 15, SKTextAlign.Left, font, text);
        }

        if (legend.Count > rows)
        {
            canvas.DrawText($"… {legend.Count - rows} more", left + 32, (Margin / 2f) + (rows * LegendRow) + 15, SKTextAlign.Left, font, text);
        }
    }

    /// <summary>The same colour as CSS, for the contact sheets.</summary>
    public static string CssColorOf(int cluster)
    {
        var c = ColorOf(cluster);
        return $"#{c.Red:x2}{c.Green:x2}{c.Blue:x2}";
    }
}
