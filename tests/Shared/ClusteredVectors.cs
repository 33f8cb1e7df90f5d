namespace DrawingFromDiffusion.Tests.Shared;

/// <summary>Seeded, L2-normalised vectors scattered around a few random centres, like embeddings of similar images.</summary>
internal static class ClusteredVectors
{
    public static float[] Generate(int count, int dimensions, int clusters, int seed, float spread = 0.35f)
    {
        var random = new Random(seed);
        var centres = new float[clusters * dimensions];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = Gaussian(random);
        }

        var data = new float[count * dimensions];
        for (var row = 0; row < count; row++)
        {
            var centre = random.Next(clusters);
            var vector = data.AsSpan(row * dimensions, dimensions);
            for (var d = 0; d < dimensions; d++)
            {
                vector[d] = centres[(centre * dimensions) + d] + (spread * Gaussian(random) * 1.5f);
            }

            Normalise(vector);
        }

        return data;
    }

    public static void Normalise(Span<float> vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
    }

    private static float Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
