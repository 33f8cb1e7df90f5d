namespace DrawingFromDiffusion.Core.Search;

/// <summary>
/// Drops the tail of a ranking that is not relevant relative to the query's own score distribution. CLIP cosines are
/// not comparable across queries (one prompt tops out at 0.35, another at 0.25), so a fixed threshold is wrong for most
/// of them; the rule in <see cref="Auto"/> uses only the scores of this query.
/// </summary>
public static class RelevanceCutoff
{
    /// <summary>How many of the top scores describe the distribution.</summary>
    public const int Window = 50;

    /// <summary>Below at least this many hits the distribution says nothing and nothing is cut.</summary>
    public const int MinimumHits = 5;

    /// <summary>
    /// The automatic threshold over scores sorted best first: with μ and σ the mean and standard deviation of the top
    /// <see cref="Window"/> scores, keep scores ≥ μ − 0.5σ, but always the best; and cut earlier at the largest gap
    /// (knee) when one gap is more than 3× the mean gap among the top hits and lies above that floor.
    /// Returns the number of hits kept.
    /// </summary>
    public static int Auto(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count < MinimumHits)
        {
            return scores.Count;
        }

        var n = Math.Min(Window, scores.Count);
        var mean = 0.0;
        for (var i = 0; i < n; i++)
        {
            mean += scores[i];
        }

        mean /= n;
        var variance = 0.0;
        for (var i = 0; i < n; i++)
        {
            variance += (scores[i] - mean) * (scores[i] - mean);
        }

        var sigma = Math.Sqrt(variance / n);
        var floor = mean - (0.5 * sigma);
        var kept = 1;
        while (kept < scores.Count && scores[kept] >= floor)
        {
            kept++;
        }

        var meanGap = (scores[0] - scores[n - 1]) / (n - 1);
        var bestGap = 0.0;
        var knee = kept;
        for (var i = 1; i < Math.Min(kept, n); i++)
        {
            var gap = scores[i - 1] - scores[i];
            if (gap > bestGap)
            {
                bestGap = gap;
                knee = i;
            }
        }

        return meanGap > 0 && bestGap > 3 * meanGap ? knee : kept;
    }

    /// <summary>Number of hits with score ≥ <paramref name="threshold"/> (scores sorted best first).</summary>
    public static int Fixed(IReadOnlyList<double> scores, double threshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var kept = 0;
        while (kept < scores.Count && scores[kept] >= threshold)
        {
            kept++;
        }

        return kept;
    }
}
