namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Where two aligned prints differ most. The correlation of whole pictures hides a small change — a clock hand, a pip,
/// a mouth is a few percent of the pixels — so the check also looks at the difference block by block: both sampled at
/// <see cref="Cells"/> cells on the long side (2 × 2 samples a cell, so thin lines are averaged in rather than hit or
/// missed), the second fitted to the first by one gain and offset (forgives brightening and contrast), and the mean
/// absolute difference of the worst block of <see cref="BlockCells"/> × <see cref="BlockCells"/> cells, half-overlapping.
/// Re-encoding, resizing and blur leave a thin even difference along every edge; a change of content leaves one
/// dense block.
/// </summary>
public static class LocalDifference
{
    /// <summary>Cells on the long side of the compared window.</summary>
    public const int Cells = 48;

    /// <summary>A block's side, in cells: an eighth of the long side.</summary>
    public const int BlockCells = 6;

    /// <summary>The worst block's mean absolute difference (grey levels, 0–255) between the window of
    /// <paramref name="container"/> (shares of its sides) and the whole of <paramref name="inner"/>.</summary>
    public static double Worst(PixelPrint container, (double X, double Y, double Width, double Height) window, PixelPrint inner)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(inner);
        var (gx, gy) = inner.Aspect >= 1
            ? (Cells, Math.Max(BlockCells, (int)Math.Round(Cells / inner.Aspect)))
            : (Math.Max(BlockCells, (int)Math.Round(Cells * inner.Aspect)), Cells);
        var a = Cellwise(container, window, gx, gy);
        var b = Cellwise(inner, (0, 0, 1, 1), gx, gy);
        var (gain, offset) = Fit(a, b);
        var residual = new float[gx * gy];
        for (var i = 0; i < residual.Length; i++)
        {
            var sum = 0f;
            for (var c = 0; c < 3; c++)
            {
                sum += Math.Abs(b[(i * 3) + c] - ((gain * a[(i * 3) + c]) + offset));
            }

            residual[i] = sum / 3;
        }

        var worst = 0.0;
        var step = BlockCells / 2;
        for (var y = 0; y + BlockCells <= gy; y += step)
        {
            for (var x = 0; x + BlockCells <= gx; x += step)
            {
                var sum = 0.0;
                for (var dy = 0; dy < BlockCells; dy++)
                {
                    for (var dx = 0; dx < BlockCells; dx++)
                    {
                        sum += residual[((y + dy) * gx) + x + dx];
                    }
                }

                worst = Math.Max(worst, sum / (BlockCells * BlockCells));
            }
        }

        return worst;
    }

    /// <summary>The window's colours averaged over 2 × 2 samples a cell.</summary>
    private static float[] Cellwise(PixelPrint print, (double X, double Y, double Width, double Height) window, int gx, int gy)
    {
        var fine = new float[gx * 2 * gy * 2 * 3];
        PixelCheck.Sample(print, window, gx * 2, gy * 2, fine);
        var cells = new float[gx * gy * 3];
        for (var y = 0; y < gy * 2; y++)
        {
            for (var x = 0; x < gx * 2; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    cells[((((y / 2) * gx) + (x / 2)) * 3) + c] += fine[((((y * gx * 2) + x) * 3) + c)] / 4;
                }
            }
        }

        return cells;
    }

    /// <summary>Least-squares gain and offset that map <paramref name="a"/> onto <paramref name="b"/>; a flat
    /// <paramref name="a"/> gets gain 1.</summary>
    private static (float Gain, float Offset) Fit(float[] a, float[] b)
    {
        double sa = 0, sb = 0, saa = 0, sab = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sa += a[i];
            sb += b[i];
            saa += a[i] * a[i];
            sab += a[i] * b[i];
        }

        var n = a.Length;
        var va = saa - (sa * sa / n);
        var gain = va < n ? 1 : (sab - (sa * sb / n)) / va;
        return ((float)gain, (float)((sb - (gain * sa)) / n));
    }
}
