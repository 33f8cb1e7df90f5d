using System.Numerics.Tensors;

namespace DrawingFromDiffusion.Core.Clustering;

/// <summary>
/// Chooses k by the mean silhouette (cosine distance) of fits on a seeded sample of at most <see cref="SampleSize"/>
/// rows: the silhouette needs all pairwise distances, so the sample bounds its cost whatever the catalog size.
/// </summary>
public static class AutoK
{
    public const int SampleSize = 2000;

    public static (int K, IReadOnlyList<(int K, double Silhouette)> Scores) Choose(
        ReadOnlySpan<float> data, int dims, int minK, int maxK, int seed, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
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

        var scores = new List<(int, double)>();
        var best = (K: minK, Score: double.NegativeInfinity);
        for (var k = minK; k <= Math.Min(maxK, m - 1); k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fit = SphericalKMeans.Fit(sample, dims, k, seed, cancellationToken: cancellationToken);
            var score = Silhouette(distances, m, fit.Assignment, k);
            scores.Add((k, score));
            progress?.Report(k);
            if (score > best.Score + 1e-9)
            {
                best = (k, score);
            }
        }

        return (best.K, scores);
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
