using System.Numerics.Tensors;

namespace DrawingFromDiffusion.Core.Clustering;

/// <summary>
/// The first two principal components by power iteration on the centred rows (never the d × d covariance), so a map
/// of n rows costs O(n·d) per iteration. Seeded start: the same data gives the same picture.
/// </summary>
public static class Pca2D
{
    /// <returns>n (x, y) pairs, row after row.</returns>
    public static float[] Project(ReadOnlySpan<float> data, int dims, int seed = 0, int iterations = 60)
    {
        var n = data.Length / dims;
        var mean = new float[dims];
        for (var i = 0; i < n; i++)
        {
            TensorPrimitives.Add(mean, data.Slice(i * dims, dims), mean);
        }

        if (n > 0)
        {
            TensorPrimitives.Divide(mean, n, mean);
        }

        var centred = new float[data.Length];
        for (var i = 0; i < n; i++)
        {
            TensorPrimitives.Subtract(data.Slice(i * dims, dims), mean, centred.AsSpan(i * dims, dims));
        }

        var random = new Random(seed);
        var first = Component(centred, n, dims, null, random, iterations);
        var second = Component(centred, n, dims, first, random, iterations);
        var points = new float[n * 2];
        for (var i = 0; i < n; i++)
        {
            var row = centred.AsSpan(i * dims, dims);
            points[2 * i] = TensorPrimitives.Dot(row, first);
            points[(2 * i) + 1] = TensorPrimitives.Dot(row, second);
        }

        return points;
    }

    private static float[] Component(float[] centred, int n, int dims, float[]? orthogonalTo, Random random, int iterations)
    {
        var v = new float[dims];
        for (var j = 0; j < dims; j++)
        {
            v[j] = (float)(random.NextDouble() - 0.5);
        }

        var next = new float[dims];
        for (var it = 0; it < iterations; it++)
        {
            if (orthogonalTo is not null)
            {
                var along = TensorPrimitives.Dot(v, orthogonalTo);
                TensorPrimitives.MultiplyAdd(orthogonalTo, -along, v, v);
            }

            var norm = TensorPrimitives.Norm(v);
            if (norm == 0)
            {
                break;
            }

            TensorPrimitives.Divide(v, norm, v);
            Array.Clear(next);
            for (var i = 0; i < n; i++)
            {
                var row = centred.AsSpan(i * dims, dims);
                TensorPrimitives.MultiplyAdd(row, TensorPrimitives.Dot(row, v), next, next);
            }

            (v, next) = (next, v);
            var length = TensorPrimitives.Norm(v);
            if (length > 0 && Math.Abs(TensorPrimitives.Dot(v, next)) / length > 1 - 1e-7)
            {
                // Converged: the direction no longer moves (next holds the previous unit vector).
                break;
            }
        }

        if (orthogonalTo is not null)
        {
            TensorPrimitives.MultiplyAdd(orthogonalTo, -TensorPrimitives.Dot(v, orthogonalTo), v, v);
        }

        var norm2 = TensorPrimitives.Norm(v);
        if (norm2 > 0)
        {
            TensorPrimitives.Divide(v, norm2, v);
        }

        return v;
    }
}
