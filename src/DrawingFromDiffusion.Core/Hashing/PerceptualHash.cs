namespace DrawingFromDiffusion.Core.Hashing;

/// <summary>
/// 64-bit perceptual hashes from small grayscale renditions (the decoder produces them).
/// pHash follows the common imagehash definition: 32×32 gray, 2-D DCT-II, the top-left 8×8
/// block compared with its median. dHash compares horizontal neighbours on a 9×8 gray image.
/// A flat picture (grey levels spread by less than <see cref="FlatSpread"/>) gets the hash a perfectly flat one has:
/// otherwise its bits are the sign of compression noise, and a black frame re-encoded would hash far from itself.
/// </summary>
public static class PerceptualHash
{
    public const int PHashSide = 32;
    public const int DHashWidth = 9;
    public const int DHashHeight = 8;

    /// <summary>Standard deviation of the grey levels below which a picture counts as flat.</summary>
    public const double FlatSpread = 2.0;

    /// <summary>The pHash of every flat picture: only the DC coefficient lies above the median.</summary>
    public const ulong FlatPHash = 1UL << 63;

    private static readonly double[] _dctTable = BuildDctTable();

    /// <param name="gray">32×32 luminance values, row-major.</param>
    public static ulong PHash(ReadOnlySpan<float> gray)
    {
        if (gray.Length != PHashSide * PHashSide)
        {
            throw new ArgumentException($"pHash needs {PHashSide * PHashSide} values", nameof(gray));
        }

        if (IsFlat(gray))
        {
            return FlatPHash;
        }

        // Only the top-left 8×8 of the 2-D DCT is needed: rows first, then those 8 columns.
        Span<double> rowsDct = stackalloc double[PHashSide * 8];
        for (var y = 0; y < PHashSide; y++)
        {
            for (var u = 0; u < 8; u++)
            {
                double sum = 0;
                for (var x = 0; x < PHashSide; x++)
                {
                    sum += gray[(y * PHashSide) + x] * _dctTable[(u * PHashSide) + x];
                }

                rowsDct[(y * 8) + u] = sum;
            }
        }

        Span<double> block = stackalloc double[64];
        for (var v = 0; v < 8; v++)
        {
            for (var u = 0; u < 8; u++)
            {
                double sum = 0;
                for (var y = 0; y < PHashSide; y++)
                {
                    sum += rowsDct[(y * 8) + u] * _dctTable[(v * PHashSide) + y];
                }

                block[(v * 8) + u] = sum;
            }
        }

        Span<double> sorted = stackalloc double[64];
        block.CopyTo(sorted);
        sorted.Sort();
        var median = (sorted[31] + sorted[32]) / 2;
        ulong hash = 0;
        for (var i = 0; i < 64; i++)
        {
            if (block[i] > median)
            {
                hash |= 1UL << (63 - i);
            }
        }

        return hash;
    }

    /// <param name="gray">9×8 luminance values, row-major.</param>
    public static ulong DHash(ReadOnlySpan<float> gray)
    {
        if (gray.Length != DHashWidth * DHashHeight)
        {
            throw new ArgumentException($"dHash needs {DHashWidth * DHashHeight} values", nameof(gray));
        }

        if (IsFlat(gray))
        {
            return 0;
        }

        ulong hash = 0;
        var bit = 63;
        for (var y = 0; y < DHashHeight; y++)
        {
            for (var x = 0; x < DHashWidth - 1; x++)
            {
                if (gray[(y * DHashWidth) + x + 1] > gray[(y * DHashWidth) + x])
                {
                    hash |= 1UL << bit;
                }

                bit--;
            }
        }

        return hash;
    }

    private static bool IsFlat(ReadOnlySpan<float> gray)
    {
        double sum = 0, squares = 0;
        foreach (var g in gray)
        {
            sum += g;
            squares += g * g;
        }

        var mean = sum / gray.Length;
        return (squares / gray.Length) - (mean * mean) < FlatSpread * FlatSpread;
    }

    public static int Distance(ulong a, ulong b) => System.Numerics.BitOperations.PopCount(a ^ b);

    private static double[] BuildDctTable()
    {
        var table = new double[8 * PHashSide];
        for (var u = 0; u < 8; u++)
        {
            for (var x = 0; x < PHashSide; x++)
            {
                table[(u * PHashSide) + x] = Math.Cos(Math.PI * u * ((2 * x) + 1) / (2.0 * PHashSide));
            }
        }

        return table;
    }
}
