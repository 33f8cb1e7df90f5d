using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Hashing;

namespace DrawingFromDiffusion.Core.Similar;

/// <summary>The catalog's perceptual hashes in memory, one entry per picture (no video frames), for <see cref="HashNeighbours"/>.</summary>
/// <param name="Ids">image ids.</param>
/// <param name="PHashes">pHash of each image (composited onto white, as stored).</param>
/// <param name="DHashes">dHash of each image.</param>
/// <param name="LastId">the largest image id when read, to tell when the catalog has grown.</param>
public sealed record CatalogHashes(long[] Ids, ulong[] PHashes, ulong[] DHashes, long LastId);

/// <summary>
/// The second candidate pool of `dfd similar`: the pictures whose perceptual hashes lie nearest the query's, as it is
/// and mirrored. Image features put a grey copy of a coloured drawing, or a mirrored one, beyond the vector top 50
/// (wide seed 23: 9 of 480 copies), while the hashes, taken on luminance after compositing onto white, barely move.
/// A scan of 100,000 hash pairs is a fraction of a millisecond; each nominee then costs one copy check.
/// </summary>
public static class HashNeighbours
{
    /// <summary>Largest pHash distance, in bits, that nominates (the dupes tier nominates at 6; a grey copy of a coloured
    /// drawing keeps its pHash exactly, as it is hashed on luminance).</summary>
    public const int MaxDistance = 10;

    /// <summary>How many nominees at most: each costs one thumbnail decode and copy check. 10 raised the CPU p50 of a
    /// warm query on 100k images from 37 to 52 ms (over the 50 ms budget) in the similar benchmark, whose repeated
    /// thumbnails make every nominee a full check; 5 halves that.</summary>
    public const int Count = 5;

    /// <summary>The ids nearest to any of <paramref name="query"/>'s hash pairs (pHash distance, then dHash), at most
    /// <paramref name="count"/> within <paramref name="maxDistance"/> bits, nearest first; <paramref name="admit"/> picks
    /// which ids may be nominated (filters, the query itself).</summary>
    public static List<long> Nearest(CatalogHashes catalog, IReadOnlyList<(ulong PHash, ulong DHash)> query, Func<long, bool> admit, int count = Count, int maxDistance = MaxDistance)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(admit);
        var found = new List<(int Distance, long Id)>();
        for (var i = 0; i < catalog.Ids.Length; i++)
        {
            var best = int.MaxValue;
            foreach (var (phash, dhash) in query)
            {
                var p = PerceptualHash.Distance(phash, catalog.PHashes[i]);
                if (p <= maxDistance)
                {
                    best = Math.Min(best, (p * 64) + PerceptualHash.Distance(dhash, catalog.DHashes[i]));
                }
            }

            if (best != int.MaxValue && admit(catalog.Ids[i]))
            {
                found.Add((best, catalog.Ids[i]));
            }
        }

        return found.OrderBy(f => f.Distance).ThenBy(f => f.Id).Take(count).Select(f => f.Id).ToList();
    }

    /// <summary>The hashes of a print and of its mirror image, computed as the scanner computes them (luminance of the
    /// picture on white, box-averaged to the hash sizes) but from the 96 px print: a few bits off the stored ones.</summary>
    public static ((ulong PHash, ulong DHash) AsIs, (ulong PHash, ulong DHash) Mirrored) Of(PixelPrint onWhite)
    {
        ArgumentNullException.ThrowIfNull(onWhite);
        var mirrored = PrintViews.Mirrored(onWhite);
        return (HashesOf(onWhite), HashesOf(mirrored));
    }

    private static (ulong PHash, ulong DHash) HashesOf(PixelPrint print) =>
        (PerceptualHash.PHash(Gray(print, PerceptualHash.PHashSide, PerceptualHash.PHashSide)),
         PerceptualHash.DHash(Gray(print, PerceptualHash.DHashWidth, PerceptualHash.DHashHeight)));

    /// <summary>Luminance (Pillow "L" weights) box-averaged onto width × height cells.</summary>
    private static float[] Gray(PixelPrint print, int width, int height)
    {
        var gray = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            var fromY = y * print.Height / height;
            var toY = Math.Max(fromY + 1, (y + 1) * print.Height / height);
            for (var x = 0; x < width; x++)
            {
                var fromX = x * print.Width / width;
                var toX = Math.Max(fromX + 1, (x + 1) * print.Width / width);
                double sum = 0;
                for (var sy = fromY; sy < toY; sy++)
                {
                    for (var sx = fromX; sx < toX; sx++)
                    {
                        var o = ((sy * print.Width) + sx) * 3;
                        sum += ((print.Rgb[o] * 299) + (print.Rgb[o + 1] * 587) + (print.Rgb[o + 2] * 114)) / 1000.0;
                    }
                }

                gray[(y * width) + x] = (float)(sum / ((toY - fromY) * (toX - fromX)));
            }
        }

        return gray;
    }
}
