using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Core.Similar;

/// <summary>
/// Other views of a <see cref="PixelPrint"/> for <see cref="CopyMatch"/>: mirrored, the picture's plain border trimmed
/// away, and grey. Each undoes one kind of copy the whole-picture correlation misses: a mirrored copy, a copy put on a
/// larger canvas (a border of any width or colour), a copy turned grey.
/// </summary>
public static class PrintViews
{
    /// <summary>Largest difference of a channel from the border colour that still counts as border: JPEG noise on a plain colour.</summary>
    private const int BorderTolerance = 40;

    /// <summary>The share of the outermost ring that must be within the tolerance for the border to count as plain.</summary>
    private const double PlainRingShare = 0.8;

    /// <summary>A row or column holds picture when more than this share of it differs from the border (a few JPEG specks do not).</summary>
    private const double ContentShare = 0.02;

    /// <summary>Pictures whose pixels' mean channel spread (max − min) stays under this are grey.</summary>
    private const double GreySpread = 6;

    /// <summary>The print mirrored left to right.</summary>
    public static PixelPrint Mirrored(PixelPrint print)
    {
        ArgumentNullException.ThrowIfNull(print);
        var rgb = new byte[print.Rgb.Length];
        for (var y = 0; y < print.Height; y++)
        {
            for (var x = 0; x < print.Width; x++)
            {
                var from = ((y * print.Width) + x) * 3;
                var to = ((y * print.Width) + (print.Width - 1 - x)) * 3;
                rgb[to] = print.Rgb[from];
                rgb[to + 1] = print.Rgb[from + 1];
                rgb[to + 2] = print.Rgb[from + 2];
            }
        }

        return new PixelPrint(print.Width, print.Height, rgb);
    }

    /// <summary>The colour of the picture's outermost ring of pixels (per-channel median) when the ring is plain; else null.</summary>
    public static Rgb? PlainBorder(PixelPrint print)
    {
        ArgumentNullException.ThrowIfNull(print);
        var ring = Ring(print);
        Span<int> median = stackalloc int[3];
        var values = new byte[ring.Count];
        for (var c = 0; c < 3; c++)
        {
            for (var i = 0; i < ring.Count; i++)
            {
                values[i] = print.Rgb[(ring[i] * 3) + c];
            }

            Array.Sort(values);
            median[c] = values[values.Length / 2];
        }

        var colour = new Rgb((byte)median[0], (byte)median[1], (byte)median[2]);
        var plain = ring.Count(p => IsBorder(print, p, colour));
        return plain >= PlainRingShare * ring.Count ? colour : null;
    }

    /// <summary>
    /// The smallest box holding every row and column that differs from the plain border colour; the print itself when
    /// its border is not plain or nothing would be cut.
    /// </summary>
    public static PixelPrint Trimmed(PixelPrint print)
    {
        ArgumentNullException.ThrowIfNull(print);
        if (PlainBorder(print) is not { } border)
        {
            return print;
        }

        var rows = new int[print.Height];
        var columns = new int[print.Width];
        for (var y = 0; y < print.Height; y++)
        {
            for (var x = 0; x < print.Width; x++)
            {
                if (!IsBorder(print, (y * print.Width) + x, border))
                {
                    rows[y]++;
                    columns[x]++;
                }
            }
        }

        var (top, bottom) = Extent(rows, ContentShare * print.Width);
        var (left, right) = Extent(columns, ContentShare * print.Height);
        var width = right - left + 1;
        var height = bottom - top + 1;
        if (width < 8 || height < 8 || (width == print.Width && height == print.Height))
        {
            return print;
        }

        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            Array.Copy(print.Rgb, (((top + y) * print.Width) + left) * 3, rgb, y * width * 3, width * 3);
        }

        return new PixelPrint(width, height, rgb);
    }

    /// <summary>Whether the picture has (next to) no colour: a grey copy, or a black-and-white drawing.</summary>
    public static bool IsGrey(PixelPrint print)
    {
        ArgumentNullException.ThrowIfNull(print);
        long spread = 0;
        var rgb = print.Rgb;
        for (var i = 0; i < rgb.Length; i += 3)
        {
            spread += Math.Max(rgb[i], Math.Max(rgb[i + 1], rgb[i + 2])) - Math.Min(rgb[i], Math.Min(rgb[i + 1], rgb[i + 2]));
        }

        return spread < GreySpread * (rgb.Length / 3);
    }

    /// <summary>The print's luminance in all three channels.</summary>
    public static PixelPrint Grey(PixelPrint print)
    {
        ArgumentNullException.ThrowIfNull(print);
        var rgb = new byte[print.Rgb.Length];
        for (var i = 0; i < rgb.Length; i += 3)
        {
            var grey = (byte)(((print.Rgb[i] * 299) + (print.Rgb[i + 1] * 587) + (print.Rgb[i + 2] * 114) + 500) / 1000);
            rgb[i] = rgb[i + 1] = rgb[i + 2] = grey;
        }

        return new PixelPrint(print.Width, print.Height, rgb);
    }

    private static bool IsBorder(PixelPrint print, int pixel, Rgb colour) =>
        Math.Abs(print.Rgb[pixel * 3] - colour.R) <= BorderTolerance
        && Math.Abs(print.Rgb[(pixel * 3) + 1] - colour.G) <= BorderTolerance
        && Math.Abs(print.Rgb[(pixel * 3) + 2] - colour.B) <= BorderTolerance;

    private static List<int> Ring(PixelPrint print)
    {
        var ring = new List<int>((2 * print.Width) + (2 * print.Height));
        for (var x = 0; x < print.Width; x++)
        {
            ring.Add(x);
            ring.Add(((print.Height - 1) * print.Width) + x);
        }

        for (var y = 1; y < print.Height - 1; y++)
        {
            ring.Add(y * print.Width);
            ring.Add((y * print.Width) + print.Width - 1);
        }

        return ring;
    }

    /// <summary>The first and last index whose count exceeds <paramref name="least"/>; the whole range when none does.</summary>
    private static (int First, int Last) Extent(int[] counts, double least)
    {
        var first = Array.FindIndex(counts, c => c > least);
        var last = Array.FindLastIndex(counts, c => c > least);
        return first < 0 ? (0, counts.Length - 1) : (first, last);
    }
}
