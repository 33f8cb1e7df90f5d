namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// One duplicate tier: finds linked pairs among the candidates. The grouper merges the pairs of
/// every source with union-find, so a new tier (semantic, variation) is one more implementation.
/// </summary>
public interface IDuplicatePairSource
{
    DuplicateTier Tier { get; }

    IEnumerable<DuplicateLink> FindPairs(IReadOnlyList<DuplicateCandidate> candidates, CancellationToken cancellationToken);
}
