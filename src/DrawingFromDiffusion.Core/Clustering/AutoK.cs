using System.Numerics.Tensors;
using DrawingFromDiffusion.Core.Progress;

namespace DrawingFromDiffusion.Core.Clustering;

/// <summary>
/// Chooses k on a seeded sample of at most <see cref="SampleSize"/> rows: a spherical k-means fit for every k in the
/// range, scored by the modularity of its partition on the sample's symmetric <see cref="Neighbours"/>-nearest-neighbour
/// graph; the largest k within 1 % of the best modularity wins. The mean silhouette (cosine) is kept beside it for reading but no longer chooses:
/// on embeddings of several image families it peaks at k = 2 or 3 (a few broad kinds of picture), while modularity
/// rises as long as k-means cuts between families and falls once it cuts through one (measured on Debian clip-art,
/// benchmarks/README.md, "Clusters against known families"). The sample bounds the cost whatever the catalog size.
/// </summary>
public static class AutoK
{
    public const int SampleSize = 2000;

    /// <summary>Neighbours per image in the graph that modularity is measured on.</summary>
    public const int Neighbours = 10;

    /// <summary>How far below the best modularity (as a share of it) a larger k still counts as as good.</summary>
    public const double Tolerance = 0.01;

    public static (int K, IReadOnlyList<KQuality> Scores) Choose(
        ReadOnlySpan<float> data, int dims, int minK, int maxK, int seed, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var n = data.Length / dims;
        minK = Math.Max(2, minK);
        maxK = Math.Min(maxK, n - 1);
        if (maxK < minK)
        {
            return (Math.Max(1, Math.Min(minK, n)), []);
        }

        var sample = Sample(data, dims, n, seed);
        var m = sample.Length / dims;
        var last = Math.Min(maxK, m - 1);
        var stage = $"choosing k in {minK}..{last} on {m} vectors";
        progress?.Report(new StageProgress(stage, 0, last - minK + 1, "k values"));
        var distances = new float[m * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = i + 1; j < m; j++)
            {
                var d = 1 - TensorPrimitives.Dot(sample.AsSpan(i * dims, dims), sample.AsSpan(j * dims, dims));
                distances[(i * m) + j] = d;
                distances[(j * m) + i] = d;
            }
        }

        // A small sample gets fewer neighbours, or every node would link to most of the others and no cut would show.
        var graph = NeighbourGraph(distances, m, Math.Clamp(m / 8, 1, Neighbours));
        var scores = new List<KQuality>();
        for (var k = minK; k <= last; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fit = SphericalKMeans.Fit(sample, dims, k, seed, cancellationToken: cancellationToken);
            var modularity = Modularity(graph, fit.Assignment, k);
            scores.Add(new KQuality(k, modularity, Silhouette(distances, m, fit.Assignment, k)));
            progress?.Report(new StageProgress(stage, k - minK + 1, last - minK + 1, "k values"));
        }

        return (Pick(scores), scores);
    }

    /// <summary>
    /// The largest k whose modularity is within <see cref="Tolerance"/> of the best. The curve is often a plateau, its
    /// top a matter of k-means' luck; on the plateau more clusters is the safer side: a family split in two still makes
    /// two sheets of one family, two families merged hide one of them.
    /// </summary>
    public static int Pick(IReadOnlyList<KQuality> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var best = scores.Max(s => s.Modularity);
        return scores.Where(s => s.Modularity >= best - (Tolerance * Math.Abs(best))).Max(s => s.K);
    }

    /// <summary>
    /// Newman's modularity of a partition of an undirected graph: the share of edges inside clusters minus the share
    /// expected by chance for the clusters' degrees, Σc [Lc / L − (Dc / 2L)²].
    /// </summary>
    /// <param name="graph">each node's neighbours; symmetric (j in graph[i] exactly when i in graph[j]).</param>
    public static double Modularity(IReadOnlyList<int[]> graph, int[] assignment, int k)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(assignment);
        var inside = new double[k];
        var degrees = new double[k];
        var ends = 0.0;
        for (var i = 0; i < graph.Count; i++)
        {
            degrees[assignment[i]] += graph[i].Length;
            ends += graph[i].Length;
            foreach (var j in graph[i])
            {
                if (assignment[j] == assignment[i])
                {
                    inside[assignment[i]]++;
                }
            }
        }

        if (ends == 0)
        {
            return 0;
        }

        // Both ends count an edge: inside[c] / ends is Lc / L, degrees[c] / ends is Dc / 2L.
        var q = 0.0;
        for (var c = 0; c < k; c++)
        {
            q += (inside[c] / ends) - ((degrees[c] / ends) * (degrees[c] / ends));
        }

        return q;
    }

    /// <summary>The symmetric k-nearest-neighbour graph of a full distance matrix: i and j are joined when either is among the other's nearest.</summary>
    public static int[][] NeighbourGraph(float[] distances, int m, int neighbours)
    {
        ArgumentNullException.ThrowIfNull(distances);
        var links = new HashSet<int>[m];
        for (var i = 0; i < m; i++)
        {
            links[i] = [];
        }

        var nearest = new List<(float Distance, int Index)>(neighbours + 1);
        for (var i = 0; i < m; i++)
        {
            // Keep the nearest few in order (ties by index, so the graph never depends on a sort's internals).
            nearest.Clear();
            for (var j = 0; j < m; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var candidate = (distances[(i * m) + j], j);
                if (nearest.Count == neighbours && candidate.CompareTo(nearest[^1]) >= 0)
                {
                    continue;
                }

                var at = nearest.BinarySearch(candidate);
                nearest.Insert(at < 0 ? ~at : at, candidate);
                if (nearest.Count > neighbours)
                {
                    nearest.RemoveAt(neighbours);
                }
            }

            foreach (var (_, j) in nearest)
            {
                links[i].Add(j);
                links[j].Add(i);
            }
        }

        return [.. links.Select(l => l.Order().ToArray())];
    }

    public static double Silhouette(float[] distances, int m, int[] assignment, int k)
    {
        var total = 0.0;
        var sums = new double[k];
        var sizes = new int[k];
        foreach (var c in assignment)
        {
            sizes[c]++;
        }

        for (var i = 0; i < m; i++)
        {
            Array.Clear(sums);
            for (var j = 0; j < m; j++)
            {
                if (j != i)
                {
                    sums[assignment[j]] += distances[(i * m) + j];
                }
            }

            var own = assignment[i];
            if (sizes[own] <= 1)
            {
                continue;
            }

            var a = sums[own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
            {
                if (c != own && sizes[c] > 0)
                {
                    b = Math.Min(b, sums[c] / sizes[c]);
                }
            }

            var denominator = Math.Max(a, b);
            total += denominator > 0 && !double.IsInfinity(b) ? (b - a) / denominator : 0;
        }

        return total / m;
    }

    private static float[] Sample(ReadOnlySpan<float> data, int dims, int n, int seed)
    {
        if (n <= SampleSize)
        {
            return data.ToArray();
        }

        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        var sample = new float[SampleSize * dims];
        for (var i = 0; i < SampleSize; i++)
        {
            data.Slice(order[i] * dims, dims).CopyTo(sample.AsSpan(i * dims, dims));
        }

        return sample;
    }
}
