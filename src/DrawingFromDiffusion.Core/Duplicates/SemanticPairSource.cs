namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Images whose embeddings lie within <paramref name="maxDistance"/> (cosine distance) of each other among each
/// image's nearest neighbours: never all pairs. Images the index does not hold are left out.
/// </summary>
public sealed class SemanticPairSource(NearestNeighbours neighbours, double maxDistance) : IDuplicatePairSource
{
    public DuplicateTier Tier => DuplicateTier.Semantic;

    public double MaxDistance => maxDistance;

    public IEnumerable<DuplicateLink> FindPairs(IReadOnlyList<DuplicateCandidate> candidates, CancellationToken cancellationToken)
    {
        var positions = DistinctImages.Positions(candidates, c => !c.IsVideo);
        var imageIds = positions.Select(p => candidates[p].ImageId).ToList();
        foreach (var (a, b, distance) in neighbours.Pairs(imageIds, maxDistance, cancellationToken))
        {
            yield return new DuplicateLink(positions[a], positions[b], DuplicateTier.Semantic, distance, $"cosine distance {distance:0.0000}");
        }
    }
}
