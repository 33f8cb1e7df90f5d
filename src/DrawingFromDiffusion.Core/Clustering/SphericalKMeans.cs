using System.Numerics.Tensors;
using DrawingFromDiffusion.Core.Progress;

namespace DrawingFromDiffusion.Core.Clustering;

/// <summary>
/// k-means on the unit sphere (cosine similarity), seeded k-means++ start. The same data, k and seed give the same
/// result: the only randomness is one <see cref="Random"/> built from the seed, and sums run in row order.
/// </summary>
public static class SphericalKMeans
{
    /// <param name="data">n rows of <paramref name="dims"/> floats, L2-normalised.</param>
    /// <param name="progress">iterations done of at most <paramref name="maxIterations"/>; at the end, of those it took.</param>
    public static KMeansResult Fit(
        ReadOnlySpan<float> data, int dims, int k, int seed, int maxIterations = 50, CancellationToken cancellationToken = default, IProgress<StageProgress>? progress = null)
    {
        var stage = $"k-means k={k}";
        ArgumentOutOfRangeException.ThrowIfLessThan(dims, 1);
        var n = data.Length / dims;
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, Math.Max(1, n));
        var random = new Random(seed);
        var centroids = PlusPlus(data, n, dims, k, random);
        var assignment = new int[n];
        var similarity = new float[n];
        var sums = new float[k * dims];
        var counts = new int[k];
        var iterations = 0;
        var objective = 0.0;
        for (; iterations < maxIterations; iterations++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new StageProgress(stage, iterations, maxIterations, "iterations"));
            var changed = Assign(data, dims, centroids, k, assignment, similarity);
            objective = 0;
            foreach (var s in similarity)
            {
                objective += s;
            }

            if (!changed && iterations > 0)
            {
                break;
            }

            Array.Clear(sums);
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                var c = assignment[i];
                counts[c]++;
                TensorPrimitives.Add(sums.AsSpan(c * dims, dims), data.Slice(i * dims, dims), sums.AsSpan(c * dims, dims));
            }

            for (var c = 0; c < k; c++)
            {
                var target = centroids.AsSpan(c * dims, dims);
                if (counts[c] == 0)
                {
                    // An emptied cluster restarts on the row its centroid fits worst: that row is the least well served.
                    var worst = Array.IndexOf(similarity, similarity.Min());
                    data.Slice(worst * dims, dims).CopyTo(target);
                    similarity[worst] = 1;
                    continue;
                }

                var sum = sums.AsSpan(c * dims, dims);
                var norm = TensorPrimitives.Norm(sum);
                if (norm > 0)
                {
                    TensorPrimitives.Divide(sum, norm, target);
                }
            }
        }

        Assign(data, dims, centroids, k, assignment, similarity);
        objective = similarity.Sum(s => (double)s);
        // Converged: the iterations it took are the whole stage.
        progress?.Report(new StageProgress(stage, Math.Max(1, iterations), Math.Max(1, iterations), "iterations"));
        return new KMeansResult(k, dims, assignment, centroids, similarity, objective, iterations);
    }

    private static bool Assign(ReadOnlySpan<float> data, int dims, float[] centroids, int k, int[] assignment, float[] similarity)
    {
        var n = assignment.Length;
        var changed = 0;
        // Rows are independent, so the parallel loop gives the same result as a serial one.
        unsafe
        {
            fixed (float* pointer = data)
            {
                var rows = (IntPtr)pointer;
                Parallel.For(0, n, i =>
                {
                    var row = new ReadOnlySpan<float>((float*)rows + ((long)i * dims), dims);
                    var best = 0;
                    var bestScore = float.NegativeInfinity;
                    for (var c = 0; c < k; c++)
                    {
                        var s = TensorPrimitives.Dot(row, centroids.AsSpan(c * dims, dims));
                        if (s > bestScore)
                        {
                            bestScore = s;
                            best = c;
                        }
                    }

                    if (assignment[i] != best)
                    {
                        assignment[i] = best;
                        Volatile.Write(ref changed, 1);
                    }

                    similarity[i] = bestScore;
                });
            }
        }

        return changed != 0;
    }

    private static float[] PlusPlus(ReadOnlySpan<float> data, int n, int dims, int k, Random random)
    {
        var centroids = new float[k * dims];
        var first = random.Next(n);
        data.Slice(first * dims, dims).CopyTo(centroids);
        var nearest = new double[n];
        for (var i = 0; i < n; i++)
        {
            nearest[i] = Distance(data.Slice(i * dims, dims), centroids.AsSpan(0, dims));
        }

        for (var c = 1; c < k; c++)
        {
            var total = nearest.Sum();
            var pick = n - 1;
            if (total > 0)
            {
                var target = random.NextDouble() * total;
                var acc = 0.0;
                for (var i = 0; i < n; i++)
                {
                    acc += nearest[i];
                    if (acc >= target)
                    {
                        pick = i;
                        break;
                    }
                }
            }
            else
            {
                pick = random.Next(n);
            }

            var centroid = centroids.AsSpan(c * dims, dims);
            data.Slice(pick * dims, dims).CopyTo(centroid);
            for (var i = 0; i < n; i++)
            {
                nearest[i] = Math.Min(nearest[i], Distance(data.Slice(i * dims, dims), centroid));
            }
        }

        return centroids;
    }

    // k-means++ samples by squared Euclidean distance; on unit vectors that is 2 − 2·cos.
    private static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Math.Max(0, 2 - (2 * (double)TensorPrimitives.Dot(a, b)));
}
