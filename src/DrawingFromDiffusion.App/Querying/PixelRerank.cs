using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.App.Querying;

/// <summary>
/// Re-ranks the top of an image query's vector ranking with the dupes tier's pixel check: a candidate whose thumbnail
/// matches the query's (as it is, mirrored, or as a slight crop either way) is a copy of it and goes ahead of pictures
/// that merely look alike, strongest match first; the rest keep their vector order. ImageNet and CLIP features see a
/// mirrored, padded or cropped copy as a different picture more often than they see a sibling drawing of the same
/// family as one (two chess pieces, two flags), and the pixels tell those apart.
/// </summary>
internal static class PixelRerank
{
    /// <summary>How many of the vector ranking's first candidates are checked: the cost is bounded by it, not by the catalog.</summary>
    public const int Depth = 50;

    /// <summary>Candidates whose whole pictures correlate below this, either way round, get no crop search (the costly part).</summary>
    private const double CropSearchFrom = 0.5;

    /// <summary>The correlation (plus <see cref="VisualRule.CropPenalty"/> per share cropped) from which a candidate is a copy.</summary>
    private static double MinCorrelation => VisualRule.Default.MinCorrelation;

    /// <summary>The ranking with the copies among its first <see cref="Depth"/> moved to the front, and each copy's match.</summary>
    public static (List<(long Id, double Similarity)> Ranked, Dictionary<long, double> Copies) Apply(
        PixelPrint? query, List<(long Id, double Similarity)> ranked, Func<long, PixelPrint?> printOf)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(printOf);
        var copies = new Dictionary<long, double>();
        if (query is null || ranked.Count < 2)
        {
            return (ranked, copies);
        }

        var mirrored = Mirrored(query);
        foreach (var (id, _) in ranked.Take(Depth))
        {
            if (printOf(id) is { } candidate && Match(query, mirrored, candidate) is { } score)
            {
                copies[id] = score;
            }
        }

        if (copies.Count == 0)
        {
            return (ranked, copies);
        }

        var reordered = ranked.Where(r => copies.ContainsKey(r.Id)).OrderByDescending(r => copies[r.Id])
            .Concat(ranked.Where(r => !copies.ContainsKey(r.Id)))
            .ToList();
        return (reordered, copies);
    }

    /// <summary>The candidate's match with the query (crop penalty taken off) when it is a copy; else null.</summary>
    internal static double? Match(PixelPrint query, PixelPrint mirrored, PixelPrint candidate)
    {
        var whole = PixelCheck.Whole(query, candidate);
        var flipped = PixelCheck.Whole(mirrored, candidate);
        var best = Math.Max(whole, flipped);
        if (best < MinCorrelation && best >= CropSearchFrom)
        {
            var match = PixelCheck.Compare(flipped > whole ? mirrored : query, candidate);
            best = Math.Max(best, match.Correlation - (VisualRule.CropPenalty * (1 - match.Coverage)));
        }

        return best >= MinCorrelation ? best : null;
    }

    /// <summary>The print mirrored left to right.</summary>
    internal static PixelPrint Mirrored(PixelPrint print)
    {
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
}
