namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Images whose perceptual hashes are close (<see cref="VisualRule"/>). One search per distinct
/// image: further files of the same image are the identical tier's business.
/// </summary>
public sealed class VisualPairSource(VisualRule rule) : IDuplicatePairSource
{
    public DuplicateTier Tier => DuplicateTier.Visual;

    public VisualRule Rule => rule;

    public IEnumerable<DuplicateLink> FindPairs(IReadOnlyList<DuplicateCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var seen = new HashSet<long>();
        var positions = new List<int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            if (candidate.PHash is not null && candidate.DHash is not null && seen.Add(candidate.ImageId))
            {
                positions.Add(i);
            }
        }

        var phashes = new ulong[positions.Count];
        var dhashes = new ulong[positions.Count];
        for (var i = 0; i < positions.Count; i++)
        {
            phashes[i] = candidates[positions[i]].PHash!.Value;
            dhashes[i] = candidates[positions[i]].DHash!.Value;
        }

        // Each box is searched on its tighter hash (fewer candidates) and checked on the other;
        // a pair inside several boxes is reported once.
        var found = new HashSet<(int, int)>();
        var links = new List<DuplicateLink>();
        foreach (var box in rule.Boxes)
        {
            var byPHash = box.MaxPHash <= box.MaxDHash;
            foreach (var pair in HammingSearch.SelfJoin(byPHash ? phashes : dhashes, byPHash ? box.MaxPHash : box.MaxDHash, cancellationToken))
            {
                var p = PerceptualDistance(phashes, pair);
                var d = PerceptualDistance(dhashes, pair);
                if (p <= box.MaxPHash && d <= box.MaxDHash && found.Add((pair.A, pair.B)))
                {
                    links.Add(new DuplicateLink(positions[pair.A], positions[pair.B], DuplicateTier.Visual, VisualRule.Distance(p, d), $"pHash {p}, dHash {d}"));
                }
            }
        }

        links.Sort((x, y) => x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        return links;
    }

    private static int PerceptualDistance(ulong[] hashes, HammingPair pair) =>
        System.Numerics.BitOperations.PopCount(hashes[pair.A] ^ hashes[pair.B]);
}
