using System.Numerics.Tensors;

namespace DrawingFromDiffusion.Core.Clustering;

/// <summary>
/// A 2-D map that keeps clusters apart: each cluster is a disc (area ∝ its size) placed where the 2-D PCA of the
/// centroids puts it, discs pushed apart until none overlap; inside its disc each image sits by the 2-D PCA of its
/// cluster's offsets from the centroid. A plain PCA of high-dimensional embeddings draws most collections as one blob; this
/// keeps what PCA says about which clusters are near each other and still shows every cluster on its own.
/// </summary>
public static class ClusterLayout
{
    /// <param name="data">n rows of <paramref name="dims"/> floats.</param>
    /// <param name="assignment">the cluster (0..k−1) of every row.</param>
    /// <param name="centroids">k rows of <paramref name="dims"/> floats.</param>
    /// <returns>n (x, y) pairs, row after row, in [−1, 1]-ish units.</returns>
    public static float[] Place(ReadOnlySpan<float> data, int dims, IReadOnlyList<int> assignment, ReadOnlySpan<float> centroids, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var n = assignment.Count;
        var k = centroids.Length / dims;
        var sizes = new int[k];
        foreach (var c in assignment)
        {
            sizes[c]++;
        }

        var centres = Centres(centroids, dims, k, sizes, seed);

        // Each cluster's own two main directions: a PCA over all offsets follows the biggest cluster and flattens the rest.
        var inner = new float[2 * n];
        var reach = new double[k];
        for (var c = 0; c < k; c++)
        {
            var rows = Enumerable.Range(0, n).Where(i => assignment[i] == c).ToArray();
            var offsets = new float[rows.Length * dims];
            for (var r = 0; r < rows.Length; r++)
            {
                TensorPrimitives.Subtract(data.Slice(rows[r] * dims, dims), centroids.Slice(c * dims, dims), offsets.AsSpan(r * dims, dims));
            }

            var projected = Pca2D.Project(offsets, dims, seed);
            var distances = new double[rows.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                inner[2 * rows[r]] = projected[2 * r];
                inner[(2 * rows[r]) + 1] = projected[(2 * r) + 1];
                distances[r] = Math.Sqrt((projected[2 * r] * (double)projected[2 * r]) + (projected[(2 * r) + 1] * (double)projected[(2 * r) + 1]));
            }

            // The 90th percentile of the distances from the centre fills the disc: one far outlier does not shrink the rest.
            Array.Sort(distances);
            reach[c] = distances.Length == 0 ? 1 : Math.Max(1e-6, distances[(int)(0.9 * (distances.Length - 1))]);
        }

        var points = new float[2 * n];
        for (var i = 0; i < n; i++)
        {
            var c = assignment[i];
            double x = inner[2 * i] / reach[c], y = inner[(2 * i) + 1] / reach[c];
            var length = Math.Sqrt((x * x) + (y * y));
            if (length > 1)
            {
                x /= length;
                y /= length;
            }

            points[2 * i] = (float)(centres[c].X + (x * centres[c].Radius));
            points[(2 * i) + 1] = (float)(centres[c].Y + (y * centres[c].Radius));
        }

        return points;
    }

    private static (double X, double Y, double Radius)[] Centres(ReadOnlySpan<float> centroids, int dims, int k, int[] sizes, int seed)
    {
        var projected = Pca2D.Project(centroids, dims, seed);
        var total = Math.Max(1, sizes.Sum());
        var discs = new (double X, double Y, double Radius)[k];
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        for (var c = 0; c < k; c++)
        {
            minX = Math.Min(minX, projected[2 * c]);
            maxX = Math.Max(maxX, projected[2 * c]);
            minY = Math.Min(minY, projected[(2 * c) + 1]);
            maxY = Math.Max(maxY, projected[(2 * c) + 1]);
        }

        var span = Math.Max(Math.Max(maxX - minX, maxY - minY), 1e-9);
        for (var c = 0; c < k; c++)
        {
            // Discs together cover about half of a unit square's worth of area, whatever k.
            discs[c] = (((projected[2 * c] - minX) / span) - 0.5, ((projected[(2 * c) + 1] - minY) / span) - 0.5, Math.Sqrt(0.5 * sizes[c] / total / Math.PI));
        }

        Separate(discs);
        return discs;
    }

    // Pairwise pushes until no two discs overlap (plus a small gap); deterministic, O(k²) a sweep, k is small.
    private static void Separate((double X, double Y, double Radius)[] discs)
    {
        const double Gap = 0.02;
        for (var sweep = 0; sweep < 500; sweep++)
        {
            var moved = false;
            for (var a = 0; a < discs.Length; a++)
            {
                for (var b = a + 1; b < discs.Length; b++)
                {
                    var dx = discs[b].X - discs[a].X;
                    var dy = discs[b].Y - discs[a].Y;
                    var distance = Math.Sqrt((dx * dx) + (dy * dy));
                    var wanted = discs[a].Radius + discs[b].Radius + Gap;
                    if (distance >= wanted)
                    {
                        continue;
                    }

                    if (distance < 1e-9)
                    {
                        // Same place: split them along a direction fixed by their numbers.
                        (dx, dy, distance) = (Math.Cos(a + b), Math.Sin(a + b), 1);
                    }

                    var push = (wanted - distance) / 2 / distance;
                    discs[a] = (discs[a].X - (dx * push), discs[a].Y - (dy * push), discs[a].Radius);
                    discs[b] = (discs[b].X + (dx * push), discs[b].Y + (dy * push), discs[b].Radius);
                    moved = true;
                }
            }

            if (!moved)
            {
                return;
            }
        }
    }
}
