namespace DrawingFromDiffusion.Core.Clustering;

/// <summary>A spherical k-means fit.</summary>
/// <param name="Assignment">the cluster of every row.</param>
/// <param name="Centroids">k unit vectors, row-major (k × dims).</param>
/// <param name="Similarity">each row's cosine similarity to its centroid.</param>
/// <param name="Objective">the sum of the rows' similarities to their centroids (higher is tighter).</param>
public sealed record KMeansResult(int K, int Dimensions, int[] Assignment, float[] Centroids, float[] Similarity, double Objective, int Iterations)
{
    public ReadOnlySpan<float> Centroid(int cluster) => Centroids.AsSpan(cluster * Dimensions, Dimensions);

    public int[] Sizes()
    {
        var sizes = new int[K];
        foreach (var c in Assignment)
        {
            sizes[c]++;
        }

        return sizes;
    }

    /// <summary>The row nearest each centroid (−1 for an empty cluster): the cluster's representative image.</summary>
    public int[] Medoids()
    {
        var best = Enumerable.Repeat(-1, K).ToArray();
        for (var i = 0; i < Assignment.Length; i++)
        {
            var c = Assignment[i];
            if (best[c] < 0 || Similarity[i] > Similarity[best[c]])
            {
                best[c] = i;
            }
        }

        return best;
    }
}
