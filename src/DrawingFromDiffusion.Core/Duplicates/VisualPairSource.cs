using System.Collections.Concurrent;
using System.Numerics;

namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Visual near-duplicates (<see cref="VisualRule"/>): pairs nominated by close pHash or dHash (multi-index Hamming
/// joins, never all pairs) or by nearest embeddings, each confirmed by <see cref="PixelCheck"/> on the thumbnails.
/// Checks run in parallel; the links come back in a fixed order.
/// </summary>
public sealed class VisualPairSource(VisualRule rule, IPixelPrintSource prints, NeighbourNominees? neighbours = null) : IDuplicatePairSource
{
    private const int ChunkPairs = 4096;

    /// <summary>About 0.8 GB of prints.</summary>
    private const int MaxCachedPrints = 30_000;

    public DuplicateTier Tier => DuplicateTier.Visual;

    public VisualRule Rule => rule;

    public NeighbourNominees? Neighbours => neighbours;

    public IEnumerable<DuplicateLink> FindPairs(IReadOnlyList<DuplicateCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prints);
        var positions = DistinctImages.Positions(candidates, c => c.PHash is not null && c.DHash is not null);
        var phashes = positions.Select(p => candidates[p].PHash!.Value).ToArray();
        var dhashes = positions.Select(p => candidates[p].DHash!.Value).ToArray();
        var nominated = new HashSet<(int, int)>();
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
        var links = new DuplicateLink?[pairs.Length];
        var cache = new ConcurrentDictionary<long, PixelPrint?>();
        PixelPrint? PrintOf(int position) => cache.GetOrAdd(candidates[positions[position]].ImageId, prints.Get);
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        for (var start = 0; start < pairs.Length; start += ChunkPairs)
        {
            // Pairs come sorted by their first image, so a chunk reuses the prints of the last; the cache is emptied
            // now and then to bound memory on large libraries.
            if (cache.Count > MaxCachedPrints)
            {
                cache.Clear();
            }

            Parallel.For(start, Math.Min(pairs.Length, start + ChunkPairs), options, i =>
            {
                var (a, b) = pairs[i];
                var p = BitOperations.PopCount(phashes[a] ^ phashes[b]);
                var d = BitOperations.PopCount(dhashes[a] ^ dhashes[b]);
                var hashes = $"pHash {p}, dHash {d}";
                if (PrintOf(a) is { } printA && PrintOf(b) is { } printB)
                {
                    var match = PixelCheck.Compare(printA, printB);
                    if (match.Correlation >= rule.MinCorrelation)
                    {
                        var crop = match.Coverage < 1 ? $", crop {match.Coverage:P0}" : string.Empty;
                        links[i] = new DuplicateLink(positions[a], positions[b], DuplicateTier.Visual, p, $"{hashes}, pixels r {match.Correlation:0.000}{crop}");
                    }
                }
                else if (rule.LinksByHashesAlone(p, d))
                {
                    links[i] = new DuplicateLink(positions[a], positions[b], DuplicateTier.Visual, p, hashes);
                }
            });
        }

        return [.. links.OfType<DuplicateLink>()];
    }
}
