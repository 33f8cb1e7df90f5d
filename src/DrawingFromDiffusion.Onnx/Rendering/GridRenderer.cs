using DrawingFromDiffusion.Core.Grids;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Rendering;

/// <summary>A comparison grid as a PNG: the varied parameter's values along the top, the rows' labels down the left.</summary>
public static class GridRenderer
{
    private const int Cell = 192;
    private const int Gap = 8;
    private const int Caption = 18;
    private const int TitleHeight = 34;
    private const int HeaderHeight = 26;

    /// <param name="thumbnail">an image's thumbnail bytes (null: a grey cell).</param>
    /// <param name="caption">the line under a cell (e.g. its id and adherence).</param>
    public static void Write(string path, PromptGrid grid, string title, Func<long, byte[]?> thumbnail, Func<long, string> caption)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(thumbnail);
        ArgumentNullException.ThrowIfNull(caption);
        using var labelFont = new SKFont(MapFonts.Regular, 13);
        using var headFont = new SKFont(MapFonts.Bold, 14);
        var rowLabelWidth = grid.Rows.Any(r => r.Label.Length > 0)
            ? (int)Math.Min(320, grid.Rows.Max(r => labelFont.MeasureText(r.Label)) + (2 * Gap))
            : 0;
        var width = rowLabelWidth + (grid.Columns.Count * (Cell + Gap)) + Gap;
        var height = TitleHeight + HeaderHeight + (grid.Rows.Count * (Cell + Caption + Gap)) + Gap;
        using var surface = SKSurface.Create(new SKImageInfo(Math.Max(width, 400), height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("SkiaSharp could not make a surface");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        using var muted = new SKPaint { IsAntialias = true, Color = new SKColor(90, 90, 90) };
        using var empty = new SKPaint { Color = new SKColor(236, 236, 236) };
        canvas.DrawText(Shorten(title, headFont, Math.Max(width, 400) - (2 * Gap)), Gap, 22, SKTextAlign.Left, headFont, ink);

        for (var c = 0; c < grid.Columns.Count; c++)
        {
            var x = rowLabelWidth + Gap + (c * (Cell + Gap));
            canvas.DrawText(Shorten(grid.Columns[c], headFont, Cell), x + (Cell / 2f), TitleHeight + 18, SKTextAlign.Center, headFont, ink);
        }

        for (var r = 0; r < grid.Rows.Count; r++)
        {
            var row = grid.Rows[r];
            var y = TitleHeight + HeaderHeight + (r * (Cell + Caption + Gap));
            if (rowLabelWidth > 0)
            {
                canvas.DrawText(Shorten(row.Label, labelFont, rowLabelWidth - Gap), Gap, y + (Cell / 2f), SKTextAlign.Left, labelFont, ink);
            }

            for (var c = 0; c < grid.Columns.Count; c++)
            {
                var rect = SKRect.Create(rowLabelWidth + Gap + (c * (Cell + Gap)), y, Cell, Cell);
                var cell = row.Cells.FirstOrDefault(x => x.Column == c);
                canvas.DrawRect(rect, empty);
                if (cell is null)
                {
                    continue;
                }

                DrawFitted(canvas, thumbnail(cell.ImageId), rect);
                canvas.DrawText(Shorten(caption(cell.ImageId), labelFont, Cell), rect.MidX, rect.Bottom + 14, SKTextAlign.Center, labelFont, muted);
            }
        }

        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        using var stream = File.Create(path);
        png.SaveTo(stream);
    }

    private static void DrawFitted(SKCanvas canvas, byte[]? encoded, SKRect box)
    {
        if (encoded is null)
        {
            return;
        }

        using var image = SKImage.FromEncodedData(encoded);
        if (image is null)
        {
            return;
        }

        var scale = Math.Min(box.Width / image.Width, box.Height / image.Height);
        var w = image.Width * scale;
        var h = image.Height * scale;
        canvas.DrawImage(image, SKRect.Create(box.MidX - (w / 2), box.MidY - (h / 2), w, h), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
    }

    private static string Shorten(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        var cut = text.Length;
        while (cut > 1 && font.MeasureText(string.Concat(text.AsSpan(0, cut), "…")) > width)
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
