using System.Collections.Concurrent;
using System.Numerics;
using DrawingFromDiffusion.Core.Progress;

namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Visual near-duplicates (<see cref="VisualRule"/>): pairs nominated by close pHash or dHash (multi-index Hamming
/// joins, never all pairs) or by nearest embeddings, each confirmed by <see cref="PixelCheck"/> on the thumbnails.
/// Checks run in parallel; the links come back in a fixed order.
/// </summary>
/// <param name="progress">the nomination, then after each chunk of checks the pairs done of each pass.</param>
public sealed class VisualPairSource(VisualRule rule, IPixelPrintSource prints, NeighbourNominees? neighbours = null, IProgress<StageProgress>? progress = null) : IDuplicatePairSource
{
    /// <summary>About 0.8 GB of prints.</summary>
    private const int MaxCachedPrints = 30_000;

    private const int ChunkPairs = 8192;

    public DuplicateTier Tier => DuplicateTier.Visual;

    public VisualRule Rule => rule;

    public NeighbourNominees? Neighbours => neighbours;

    public IEnumerable<DuplicateLink> FindPairs(IReadOnlyList<DuplicateCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prints);
        var positions = DistinctImages.Positions(candidates, c => !c.IsVideo && c.PHash is not null && c.DHash is not null);
        var phashes = positions.Select(p => candidates[p].PHash!.Value).ToArray();
        var dhashes = positions.Select(p => candidates[p].DHash!.Value).ToArray();
        progress?.Report(StageProgress.Step("visual tier: nominating pairs"));
        var nominated = new HashSet<(int A, int B)>();
        foreach (var pair in HammingSearch.SelfJoin(phashes, rule.MaxHashDistance, cancellationToken).Concat(HammingSearch.SelfJoin(dhashes, rule.MaxHashDistance, cancellationToken)))
        {
            nominated.Add((pair.A, pair.B));
        }

        if (neighbours is not null)
        {
            foreach (var (a, b, _) in neighbours.Pairs([.. positions.Select(p => candidates[p].ImageId)], cancellationToken))
            {
                nominated.Add((a, b));
            }
        }

        var pairs = nominated.Order().ToArray();
        progress?.Report(StageProgress.StepDone("visual tier: nominating pairs"));
        var links = new DuplicateLink?[pairs.Length];
        var cache = new ConcurrentDictionary<long, PixelPrint?>();
        PixelPrint? PrintOf(int position) => cache.GetOrAdd(candidates[positions[position]].ImageId, prints.Get);
        var options = new ParallelOptions { CancellationToken = cancellationToken };

        // Two passes. The first compares whole pictures (a few microseconds a pair, the local test only for pairs
        // that correlate); the second searches crops (up to a millisecond) for pairs the first left apart or only
        // tentatively linked. Groups no longer follow chains, so a pair joined through others is still checked.
        var searchCrops = false;
        foreach (var stage in new[] { "visual tier: pixel checks", "visual tier: crop search" })
        {
            for (var start = 0; start < pairs.Length; start += ChunkPairs)
            {
                // Pairs come sorted by their first image, so a chunk reuses the prints of the last; the cache is
                // emptied now and then to bound memory on large libraries.
                if (cache.Count > MaxCachedPrints)
                {
                    cache.Clear();
                }

                var due = Enumerable.Range(start, Math.Min(ChunkPairs, pairs.Length - start))
                    .Where(i => links[i] is null || (searchCrops && links[i]!.Value.Tentative))
                    .ToList();
                Parallel.ForEach(due, options, i => links[i] = Check(pairs[i], searchCrops));

                progress?.Report(new StageProgress(stage, Math.Min(pairs.Length, start + ChunkPairs), pairs.Length, "pairs"));
            }

            searchCrops = true;
        }

        return [.. links.OfType<DuplicateLink>()];

        DuplicateLink? Check((int A, int B) pair, bool withCrops)
        {
            var (a, b) = pair;
            var (candidateA, candidateB) = (candidates[positions[a]], candidates[positions[b]]);
            if (!VisualRule.AspectsAgree(candidateA.Width, candidateA.Height, candidateB.Width, candidateB.Height))
            {
                return null;
            }

            var p = BitOperations.PopCount(phashes[a] ^ phashes[b]);
            var d = BitOperations.PopCount(dhashes[a] ^ dhashes[b]);
            var hashes = $"pHash {p}, dHash {d}";
            if (PrintOf(a) is not { } printA || PrintOf(b) is not { } printB)
            {
                // Without pixels (no readable thumbnail) the hashes decide, once.
                return !withCrops && rule.LinksByHashesAlone(p, d) ? new DuplicateLink(positions[a], positions[b], DuplicateTier.Visual, p, hashes) : null;
            }

            var match = withCrops ? PixelCheck.Compare(printA, printB) : PixelCheck.CompareWhole(printA, printB);
            if (!rule.Links(match))
            {
                return null;
            }

            var crop = match.Coverage < 1 ? $", crop {match.Coverage:P0}" : string.Empty;
            var sure = VisualRule.IsSure(match);
            return new DuplicateLink(positions[a], positions[b], DuplicateTier.Visual, p, $"{hashes}, pixels r {match.Correlation:0.000}, worst block {match.LocalDifference:0}{crop}{(sure ? "" : " (tentative)")}", !sure, match.Correlation);
        }
    }
}
