namespace DrawingFromDiffusion.Core.Search;

/// <summary>
/// Reciprocal-rank fusion (Cormack et al., 2009): score(d) = Σ weightᵢ / (k + rankᵢ(d)). It needs no score calibration
/// between rankers, which is why CLIP cosines and BM25 scores can be fused with it.
/// </summary>
public static class RankFusion
{
    /// <summary>The constant from the original paper; it damps the weight of the very top ranks.</summary>
    public const int DefaultK = 60;

    /// <summary>
    /// Fuses rankings (keys best first; a key repeated within one ranking counts at its first position). Ties are broken
    /// by the best single rank, then by the key, so the order is deterministic.
    /// </summary>
    public static IReadOnlyList<FusedHit> Fuse(IReadOnlyList<IReadOnlyList<long>> rankings, int k = DefaultK, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (weights is not null && weights.Count != rankings.Count)
        {
            throw new ArgumentException($"Expected {rankings.Count} weights, got {weights.Count}.", nameof(weights));
        }

        var ranks = new Dictionary<long, int?[]>();
        for (var list = 0; list < rankings.Count; list++)
        {
            var ranking = rankings[list];
            for (var position = 0; position < ranking.Count; position++)
            {
                if (!ranks.TryGetValue(ranking[position], out var keyRanks))
                {
                    keyRanks = new int?[rankings.Count];
                    ranks[ranking[position]] = keyRanks;
                }

                keyRanks[list] ??= position + 1;
            }
        }

        var fused = new List<FusedHit>(ranks.Count);
        foreach (var (key, keyRanks) in ranks)
        {
            var score = 0.0;
            for (var list = 0; list < keyRanks.Length; list++)
            {
                if (keyRanks[list] is int rank)
                {
                    score += (weights?[list] ?? 1.0) / (k + rank);
                }
            }

            fused.Add(new FusedHit(key, score, keyRanks));
        }

        fused.Sort(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byBestRank = BestRank(a).CompareTo(BestRank(b));
            return byBestRank != 0 ? byBestRank : a.Key.CompareTo(b.Key);
        });
        return fused;
    }

    private static int BestRank(FusedHit hit) => hit.Ranks.Min(rank => rank ?? int.MaxValue);
}
