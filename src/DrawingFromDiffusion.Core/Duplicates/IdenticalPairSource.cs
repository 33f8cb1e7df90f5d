namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>Files that hold the same content: the catalog gives them one image row.</summary>
public sealed class IdenticalPairSource : IDuplicatePairSource
{
    public DuplicateTier Tier => DuplicateTier.Identical;

    public IEnumerable<DuplicateLink> FindPairs(IReadOnlyList<DuplicateCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var first = new Dictionary<long, int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (first.TryGetValue(candidates[i].ImageId, out var earlier))
            {
                yield return new DuplicateLink(earlier, i, DuplicateTier.Identical, 0, "same content hash");
            }
            else
            {
                first[candidates[i].ImageId] = i;
            }
        }
    }
}
