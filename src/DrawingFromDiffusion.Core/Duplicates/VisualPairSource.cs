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

        // Search on the hash with the tighter limit (fewer candidates), check the other one after.
        var byPHash = rule.MaxPHash <= rule.MaxDHash;
        var pairs = HammingSearch.SelfJoin(byPHash ? phashes : dhashes, byPHash ? rule.MaxPHash : rule.MaxDHash, cancellationToken);
        pairs.Sort((x, y) => x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        foreach (var pair in pairs)
        {
            var p = PerceptualDistance(phashes, pair);
            var d = PerceptualDistance(dhashes, pair);
            if (rule.Links(p, d))
            {
                yield return new DuplicateLink(positions[pair.A], positions[pair.B], DuplicateTier.Visual, rule.Distance(p, d), $"pHash {p}, dHash {d}");
            }
        }
    }

    private static int PerceptualDistance(ulong[] hashes, HammingPair pair) =>
        System.Numerics.BitOperations.PopCount(hashes[pair.A] ^ hashes[pair.B]);
}
