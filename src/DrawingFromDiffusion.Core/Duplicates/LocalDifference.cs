namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Where two aligned prints differ most. The correlation of whole pictures hides a small change — a clock hand, a pip,
/// a mouth is a few percent of the pixels — so the check also looks at the difference block by block: both sampled at
/// <see cref="Cells"/> cells on the long side (2 × 2 samples a cell, so thin lines are averaged in rather than hit or
/// missed), the first mapped onto the second by one tone curve (forgives brightening and contrast, clipped or not), and the mean
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
        var tone = ToneCurve(a, b);
        var residual = new float[gx * gy];
        for (var i = 0; i < residual.Length; i++)
        {
            var sum = 0f;
            for (var c = 0; c < 3; c++)
            {
                sum += Math.Abs(b[(i * 3) + c] - tone(a[(i * 3) + c]));
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

    /// <summary>
    /// The tone curve that maps <paramref name="a"/> onto <paramref name="b"/>: the mean of b over each band of a's
    /// values, joined by straight lines. One gain and offset cannot follow a brightening that clips at white (the white
    /// background stays, the dark lines lift); a change in one place moves few of a band's values and stays visible.
    /// </summary>
    private static Func<float, float> ToneCurve(float[] a, float[] b)
    {
        const int Bands = 16;
        var count = new int[Bands];
        var sumA = new double[Bands];
        var sumB = new double[Bands];
        for (var i = 0; i < a.Length; i++)
        {
            var band = Math.Clamp((int)(a[i] / (256f / Bands)), 0, Bands - 1);
            count[band]++;
            sumA[band] += a[i];
            sumB[band] += b[i];
        }

        var knots = Enumerable.Range(0, Bands).Where(k => count[k] > 0).Select(k => ((float)(sumA[k] / count[k]), (float)(sumB[k] / count[k]))).ToArray();
        return value =>
        {
            if (value <= knots[0].Item1)
            {
                return knots[0].Item2 + (value - knots[0].Item1);
            }

            for (var k = 1; k < knots.Length; k++)
            {
                if (value <= knots[k].Item1)
                {
                    var (x0, y0) = knots[k - 1];
                    var (x1, y1) = knots[k];
                    return y0 + ((y1 - y0) * (value - x0) / Math.Max(1e-3f, x1 - x0));
                }
            }

            return knots[^1].Item2 + (value - knots[^1].Item1);
        };
    }
}
