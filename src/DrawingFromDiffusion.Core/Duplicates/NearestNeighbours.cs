using DrawingFromDiffusion.Core.VectorIndex;

namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Each image's <paramref name="count"/> nearest neighbours in the vector index: never all pairs. The semantic tier and
/// the visual tier's nominees ask for the same images with different distance limits, so the last search is kept and
/// served again. Not thread-safe.
/// </summary>
public sealed class NearestNeighbours(IVectorIndex index, int count = 10)
{
    private long[]? _searchedIds;
    private List<(int A, int B, double Distance)> _found = [];

    public int Count => count;

    /// <summary>Pairs of positions in <paramref name="imageIds"/> (A &lt; B) whose images are neighbours within
    /// <paramref name="maxDistance"/> (cosine), each once; images the index does not hold are left out.</summary>
    public IEnumerable<(int A, int B, double Distance)> Pairs(IReadOnlyList<long> imageIds, double maxDistance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(imageIds);
        if (_searchedIds is null || !_searchedIds.AsSpan().SequenceEqual([.. imageIds]))
        {
            _found = Search(imageIds, cancellationToken);
            _searchedIds = [.. imageIds];
        }

        return _found.Where(p => p.Distance <= maxDistance);
    }

    private List<(int A, int B, double Distance)> Search(IReadOnlyList<long> imageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        var positionOf = new Dictionary<long, int>(imageIds.Count);
        for (var i = 0; i < imageIds.Count; i++)
        {
            positionOf.TryAdd(imageIds[i], i);
        }

        var vector = new float[index.Dimensions];
        // The search is approximate and not symmetric: a pair is kept the first time either side finds it.
        var seen = new HashSet<(int, int)>();
        var found = new List<(int A, int B, double Distance)>();
        for (var a = 0; a < imageIds.Count; a++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!index.TryGetVector(imageIds[a], vector))
            {
                continue;
            }

            // One extra: the image itself comes back first.
            foreach (var hit in index.Search(vector, count + 1, positionOf.ContainsKey))
            {
                if (positionOf.TryGetValue(hit.Key, out var b) && b != a && seen.Add(a < b ? (a, b) : (b, a)))
                {
                    found.Add((Math.Min(a, b), Math.Max(a, b), Math.Max(0, hit.Distance)));
                }
            }
        }

        return found;
    }
}
