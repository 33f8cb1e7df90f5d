namespace DrawingFromDiffusion.Core.Hashing;

/// <summary>
/// 64-bit perceptual hashes from small grayscale renditions (the decoder produces them).
/// pHash follows the common imagehash definition: 32×32 gray, 2-D DCT-II, the top-left 8×8
/// block compared with its median. dHash compares horizontal neighbours on a 9×8 gray image.
/// </summary>
public static class PerceptualHash
{
    public const int PHashSide = 32;
    public const int DHashWidth = 9;
    public const int DHashHeight = 8;

    private static readonly double[] _dctTable = BuildDctTable();

    /// <param name="gray">32×32 luminance values, row-major.</param>
    public static ulong PHash(ReadOnlySpan<float> gray)
    {
        if (gray.Length != PHashSide * PHashSide)
        {
            throw new ArgumentException($"pHash needs {PHashSide * PHashSide} values", nameof(gray));
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
