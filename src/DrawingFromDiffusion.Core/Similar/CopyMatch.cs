using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Core.Similar;

/// <summary>
/// Whether a candidate is an altered copy of a query picture, by the dupes tier's pixel check (<see cref="PixelCheck"/>,
/// the bar of <see cref="VisualRule.Default"/> with its crop penalty), tried on two views of the pair:
/// <list type="number">
/// <item>both flattened onto white, as they are and mirrored (re-encoded, resized, blurred, brightened, watermarked,
/// slightly cropped copies);</item>
/// <item>else on one background and one frame: a transparent picture is flattened onto the other's plain border
/// colour, both lose their plain border (<see cref="PrintViews.Trimmed"/>), and when just one of them is grey both are
/// compared in grey. That finds a copy put on a coloured background, on a larger canvas (a border of any width or
/// colour) or turned grey, which the first view sees as a different picture.</item>
/// </list>
/// Two drawings in different colours still differ in the second view unless one of them has no colour at all.
/// </summary>
public static class CopyMatch
{
    /// <summary>Candidates whose whole pictures correlate below this, either way round, get no crop search (the costly part).</summary>
    private const double CropSearchFrom = 0.5;

    private static double MinCorrelation => VisualRule.Default.MinCorrelation;

    /// <summary>The candidate's match with the query (crop penalty taken off) and its local difference when it is a copy; else null.</summary>
    public static CopyScore? Score(CopyPrint query, CopyPrint candidate)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidate);
        if (Matched(query.OnWhite, query.MirroredOnWhite, candidate.OnWhite) is { } direct)
        {
            return direct;
        }

        var (left, right) = Aligned(query, candidate);
        return left is null ? null : Matched(left, PrintViews.Mirrored(left), right!);
    }

    /// <summary>The best of the whole pictures as they are and mirrored, then of a crop search when that is close.</summary>
    public static double? Match(PixelPrint query, PixelPrint mirrored, PixelPrint candidate) => Matched(query, mirrored, candidate)?.Match;

    private static CopyScore? Matched(PixelPrint query, PixelPrint mirrored, PixelPrint candidate)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(mirrored);
        ArgumentNullException.ThrowIfNull(candidate);
        var whole = PixelCheck.Whole(query, candidate);
        var flipped = PixelCheck.Whole(mirrored, candidate);
        var side = flipped > whole ? mirrored : query;
        var best = Math.Max(whole, flipped);
        if (best >= MinCorrelation)
        {
            return new CopyScore(best, LocalDifference.Worst(side, (0, 0, 1, 1), candidate));
        }

        if (best >= CropSearchFrom)
        {
            var match = PixelCheck.Compare(side, candidate);
            var cropped = match.Correlation - (VisualRule.CropPenalty * (1 - match.Coverage));
            return cropped >= MinCorrelation ? new CopyScore(cropped, match.LocalDifference) : null;
        }

        return null;
    }

    /// <summary>The pair on one background, plain borders trimmed, grey when one is; nulls when that changes nothing.</summary>
    private static (PixelPrint? Query, PixelPrint? Candidate) Aligned(CopyPrint query, CopyPrint candidate)
    {
        var queryFlat = query.OnWhite;
        var candidateFlat = candidate.OnWhite;
        var changed = false;
        if (query.HasTransparency != candidate.HasTransparency)
        {
            if (query.HasTransparency && PrintViews.PlainBorder(candidateFlat) is { } behindCandidate)
            {
                queryFlat = query.Onto(behindCandidate);
                changed = true;
            }
            else if (candidate.HasTransparency && PrintViews.PlainBorder(queryFlat) is { } behindQuery)
            {
                candidateFlat = candidate.Onto(behindQuery);
                changed = true;
            }
        }

        var queryTrimmed = PrintViews.Trimmed(queryFlat);
        var candidateTrimmed = PrintViews.Trimmed(candidateFlat);
        changed |= !ReferenceEquals(queryTrimmed, queryFlat) || !ReferenceEquals(candidateTrimmed, candidateFlat);
        if (PrintViews.IsGrey(queryTrimmed) != PrintViews.IsGrey(candidateTrimmed))
        {
            (queryTrimmed, candidateTrimmed) = (PrintViews.Grey(queryTrimmed), PrintViews.Grey(candidateTrimmed));
            changed = true;
        }

        return changed ? (queryTrimmed, candidateTrimmed) : (null, null);
    }
}
