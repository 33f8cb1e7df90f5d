using DrawingFromDiffusion.Core.VectorIndex;

namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Images whose embeddings lie within <paramref name="maxDistance"/> (cosine distance) of each other, found by asking
/// the index for the <paramref name="neighbours"/> nearest of every image: never all pairs. Images the index does not
/// hold are left out.
/// </summary>
public sealed class SemanticPairSource(IVectorIndex index, double maxDistance, int neighbours = 10) : IDuplicatePairSource
{
    public DuplicateTier Tier => DuplicateTier.Semantic;

    public double MaxDistance => maxDistance;

    public IEnumerable<DuplicateLink> FindPairs(IReadOnlyList<DuplicateCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(index);
        var firstOf = new Dictionary<long, int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            firstOf.TryAdd(candidates[i].ImageId, i);
        }

        var vector = new float[index.Dimensions];
        var seen = new HashSet<(long, long)>();
        var links = new List<DuplicateLink>();
        foreach (var (imageId, position) in firstOf)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!index.TryGetVector(imageId, vector))
            {
                continue;
            }

            // One extra neighbour: the image itself comes back first.
            foreach (var hit in index.Search(vector, neighbours + 1, firstOf.ContainsKey))
            {
                if (hit.Key == imageId || hit.Distance > maxDistance || !firstOf.TryGetValue(hit.Key, out var other))
                {
                    continue;
                }

                // The search is approximate and not symmetric: keep a pair the first time either side finds it.
                var key = imageId < hit.Key ? (imageId, hit.Key) : (hit.Key, imageId);
                if (seen.Add(key))
                {
                    links.Add(new DuplicateLink(position, other, DuplicateTier.Semantic, Math.Max(0, hit.Distance), $"cosine distance {hit.Distance:0.0000}"));
                }
            }
        }

        return links;
    }
}
