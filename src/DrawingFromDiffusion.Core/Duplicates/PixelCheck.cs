namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Compares two <see cref="PixelPrint"/>s pixel by pixel: the Pearson correlation of their colour values, taken over
/// all three channels at once. One correlation over all channels forgives what re-encoding, resizing, blur and a
/// brightness or contrast change do (a common gain and offset), but not a recolouring — a red flag and a blue flag of
/// the same design, which grey-level hashes cannot tell apart. Slight crops are found by sliding the smaller picture
/// over shrunken windows of the larger one: a coarse grid both ways round, then a hill climb on the better one.
/// </summary>
public static class PixelCheck
{
    /// <summary>Crops that keep less than this share of either side are not looked for: an "a" is the lower three
    /// quarters of an "ä", and no slight crop.</summary>
    public const double SmallestCoverage = 0.84;

    private const int CoarseGrid = 10;
    private const int FineGrid = 24;
    private const double CoarseStep = 0.04;
    private const double FinestStep = 0.0025;

    /// <summary>Above this the whole pictures already match and no crop is looked for.</summary>
    private const double NoCropNeeded = 0.97;

    /// <summary>Coarse matches below this are not refined: far below any threshold a link needs.</summary>
    private const double NotWorthRefining = 0.7;

    private static readonly Window WholeWindow = new(0, 0, 1, 1);

    /// <summary>The correlation of the whole pictures, no crop looked for: a few microseconds.</summary>
    public static double Whole(PixelPrint a, PixelPrint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Span<float> valuesA = stackalloc float[FineGrid * FineGrid * 3];
        Span<float> valuesB = stackalloc float[FineGrid * FineGrid * 3];
        Sample(a, WholeWindow, FineGrid, valuesA);
        Sample(b, WholeWindow, FineGrid, valuesB);
        return Correlate(valuesA, valuesB);
    }

    /// <summary>The best of the whole pictures and of the windows a crop search finds: up to about a millisecond.</summary>
    public static PixelMatch Compare(PixelPrint a, PixelPrint b)
    {
        var whole = CompareWhole(a, b);
        if (whole.Correlation >= NoCropNeeded && whole.LocalDifference <= VisualRule.SureLocalDifference)
        {
            return whole;
        }

        var inA = CoarseWindow(a, b);
        var inB = CoarseWindow(b, a);
        var (container, inner, coarse) = inA.Correlation >= inB.Correlation ? (a, b, inA) : (b, a, inB);
        if (coarse.Correlation < NotWorthRefining)
        {
            return whole;
        }

        var (correlation, window) = Refine(container, inner, coarse.Window);
        var cropped = WithLocalDifference(container, inner, window, correlation);

        // A slight crop can correlate above NoCropNeeded as a whole and still differ along every edge: then the
        // alignment with the smaller local difference is the one that explains the pair.
        return whole.Correlation >= NoCropNeeded
            ? (cropped.Correlation >= NoCropNeeded && cropped.LocalDifference < whole.LocalDifference ? cropped : whole)
            : (correlation > whole.Correlation ? cropped : whole);
    }

    /// <summary>The whole pictures' correlation and local difference, no crop looked for.</summary>
    public static PixelMatch CompareWhole(PixelPrint a, PixelPrint b) => WithLocalDifference(a, b, WholeWindow, Whole(a, b));

    /// <summary>Pictures this far apart are not worth the local test (about 0.1 ms): it reports the largest difference.
    /// A found crop window is aligned on a coarse grid; shifting it by half a cell either way finds the alignment the
    /// finer local test needs (a crop otherwise leaves a difference along every edge).</summary>
    private static PixelMatch WithLocalDifference(PixelPrint container, PixelPrint inner, Window window, double correlation)
    {
        if (correlation < NotWorthRefining)
        {
            return new(correlation, window.Coverage, 255);
        }

        var worst = LocalDifference.Worst(container, (window.X, window.Y, window.Width, window.Height), inner);
        if (window.Coverage < 1)
        {
            var shift = window.Share / LocalDifference.Cells / 2;
            foreach (var (dx, dy) in new[] { (-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (-1, 1), (1, -1) })
            {
                var moved = window with { X = window.X + (dx * shift), Y = window.Y + (dy * shift) };
                worst = Math.Min(worst, LocalDifference.Worst(container, (moved.X, moved.Y, moved.Width, moved.Height), inner));
            }
        }

        return new(correlation, window.Coverage, worst);
    }

    /// <summary>The window of <paramref name="container"/> that best matches the whole of <paramref name="inner"/>, on the coarse grid.</summary>
    private static (double Correlation, Window Window) CoarseWindow(PixelPrint container, PixelPrint inner)
    {
        Span<float> innerValues = stackalloc float[CoarseGrid * CoarseGrid * 3];
        Span<float> values = stackalloc float[CoarseGrid * CoarseGrid * 3];
        Sample(inner.Reduced, WholeWindow, CoarseGrid, innerValues);

        // The window keeps the inner picture's shape: its width and height shares follow from the two aspects.
        var ratio = container.Aspect / inner.Aspect;
        var bestCorrelation = -1.0;
        var best = WholeWindow;
        for (var share = 1.0; share >= SmallestCoverage - 1e-9; share -= CoarseStep)
        {
            var size = Window.Sized(share, ratio);
            if (size.Coverage < SmallestCoverage - 1e-9)
            {
                continue;
            }

            for (var y = 0.0; y <= 1 - size.Height + 1e-9; y += CoarseStep)
            {
                for (var x = 0.0; x <= 1 - size.Width + 1e-9; x += CoarseStep)
                {
                    var window = size with { X = x, Y = y };
                    Sample(container.Reduced, window, CoarseGrid, values);
                    var correlation = Correlate(values, innerValues);
                    if (correlation > bestCorrelation)
                    {
                        (bestCorrelation, best) = (correlation, window);
                    }
                }
            }
        }

        return (bestCorrelation, best);
    }

    /// <summary>A hill climb on the fine grid from <paramref name="start"/>, with halving steps.</summary>
    private static (double Correlation, Window Window) Refine(PixelPrint container, PixelPrint inner, Window start)
    {
        Span<float> innerValues = stackalloc float[FineGrid * FineGrid * 3];
        Span<float> values = stackalloc float[FineGrid * FineGrid * 3];
        Sample(inner, WholeWindow, FineGrid, innerValues);
        var ratio = container.Aspect / inner.Aspect;
        var best = start;
        Sample(container, best, FineGrid, values);
        var bestCorrelation = Correlate(values, innerValues);
        for (var step = CoarseStep / 2; step >= FinestStep - 1e-9; step /= 2)
        {
            var moved = true;
            while (moved)
            {
                moved = false;
                foreach (var next in best.Neighbours(step, ratio))
                {
                    Sample(container, next, FineGrid, values);
                    var correlation = Correlate(values, innerValues);
                    if (correlation > bestCorrelation)
                    {
                        (bestCorrelation, best, moved) = (correlation, next, true);
                    }
                }
            }
        }

        return (bestCorrelation, best);
    }

    /// <summary>The window's colours on a grid × grid lattice of cell centres, bilinear.</summary>
    private static void Sample(PixelPrint print, Window window, int grid, Span<float> values) =>
        Sample(print, (window.X, window.Y, window.Width, window.Height), grid, grid, values);

    /// <summary>The window's colours (X, Y, Width, Height as shares of the print) on a gridX × gridY lattice of cell centres, bilinear.</summary>
    internal static void Sample(PixelPrint print, (double X, double Y, double Width, double Height) window, int gridX, int gridY, Span<float> values)
    {
        var grid = gridX;
        var w = print.Width;
        var h = print.Height;
        Span<int> x0 = stackalloc int[grid];
        Span<int> x1 = stackalloc int[grid];
        Span<float> fx = stackalloc float[grid];
        for (var gx = 0; gx < grid; gx++)
        {
            var sx = Math.Clamp(((window.X + ((gx + 0.5) / grid * window.Width)) * w) - 0.5, 0, w - 1);
            x0[gx] = (int)sx;
            x1[gx] = Math.Min(x0[gx] + 1, w - 1);
            fx[gx] = (float)(sx - x0[gx]);
        }

        var rgb = print.Rgb;
        for (var gy = 0; gy < gridY; gy++)
        {
            var sy = Math.Clamp(((window.Y + ((gy + 0.5) / gridY * window.Height)) * h) - 0.5, 0, h - 1);
            var top = (int)sy * w;
            var bottom = Math.Min((int)sy + 1, h - 1) * w;
            var fy = (float)(sy - (int)sy);
            for (var gx = 0; gx < grid; gx++)
            {
                var o = ((gy * grid) + gx) * 3;
                var tl = (top + x0[gx]) * 3;
                var tr = (top + x1[gx]) * 3;
                var bl = (bottom + x0[gx]) * 3;
                var br = (bottom + x1[gx]) * 3;
                var f = fx[gx];
                for (var c = 0; c < 3; c++)
                {
                    var upper = rgb[tl + c] + ((rgb[tr + c] - rgb[tl + c]) * f);
                    var lower = rgb[bl + c] + ((rgb[br + c] - rgb[bl + c]) * f);
                    values[o + c] = upper + ((lower - upper) * fy);
                }
            }
        }
    }

    /// <summary>Pearson correlation; two flat pictures correlate 1 when their colours agree and 0 otherwise.</summary>
    private static double Correlate(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sa += a[i];
            sb += b[i];
            saa += a[i] * a[i];
            sbb += b[i] * b[i];
            sab += a[i] * b[i];
        }

        var n = a.Length;
        var va = saa - (sa * sa / n);
        var vb = sbb - (sb * sb / n);
        const double Flat = 1e-3;
        if (va < Flat * n || vb < Flat * n)
        {
            return va < Flat * n && vb < Flat * n && Math.Abs((sa - sb) / n) < 8 ? 1 : 0;
        }

        return (sab - (sa * sb / n)) / Math.Sqrt(va * vb);
    }

    private readonly record struct Window(double X, double Y, double Width, double Height)
    {
        public double Share => Math.Max(Width, Height);

        /// <summary>The share kept on the more cropped side.</summary>
        public double Coverage => Math.Min(Width, Height);

        private bool Fits => X >= -1e-9 && Y >= -1e-9 && X + Width <= 1 + 1e-9 && Y + Height <= 1 + 1e-9;

        /// <summary>A window at the origin whose longer side is <paramref name="share"/> and whose shape matches the inner picture.</summary>
        public static Window Sized(double share, double ratio) =>
            ratio >= 1 ? new Window(0, 0, share / ratio, share) : new Window(0, 0, share, share * ratio);

        /// <summary>The windows one step away in offset or size that still lie inside the picture.</summary>
        public IEnumerable<Window> Neighbours(double step, double ratio)
        {
            foreach (var (dx, dy) in new[] { (step, 0.0), (-step, 0.0), (0.0, step), (0.0, -step) })
            {
                var moved = this with { X = X + dx, Y = Y + dy };
                if (moved.Fits)
                {
                    yield return moved;
                }
            }

            foreach (var ds in new[] { step, -step })
            {
                // Grows or shrinks about the centre or about one of the corners.
                var size = Sized(Share + ds, ratio);
                var dw = Width - size.Width;
                var dh = Height - size.Height;
                foreach (var (ax, ay) in new[] { (0.5, 0.5), (0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0) })
                {
                    var resized = size with { X = X + (dw * ax), Y = Y + (dh * ay) };
                    if (resized.Coverage >= SmallestCoverage - 1e-9 && resized.Fits)
                    {
                        yield return resized;
                    }
                }
            }
        }
    }
}
