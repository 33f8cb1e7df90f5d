using DrawingFromDiffusion.Core.Embeddings;

namespace DrawingFromDiffusion.Core.Tests.Clustering;

/// <summary>
/// Seeded vectors shaped like embeddings of image families: families of unequal sizes whose centres fall into two
/// broad kinds (say, line drawings and photos), so a score that likes a few broad groups prefers k = 2.
/// </summary>
internal static class FamilyVectors
{
    public static (float[] Data, int[] Truth) Generate(int[] familySizes, int dims, int seed, float familySpread = 0.55f, float noise = 0.22f)
    {
        var random = new Random(seed);
        var kinds = new[] { Gaussian(random, dims), Gaussian(random, dims) };
        var centres = familySizes.Select((_, f) =>
            kinds[f % 2].Zip(Gaussian(random, dims), (kind, own) => kind + (familySpread * own)).ToArray()).ToArray();
        var rows = familySizes.Sum();
        var data = new float[rows * dims];
        var truth = new int[rows];
        var row = 0;
        for (var f = 0; f < familySizes.Length; f++)
        {
            for (var i = 0; i < familySizes[f]; i++, row++)
            {
                truth[row] = f;
                var vector = data.AsSpan(row * dims, dims);
                var jitter = Gaussian(random, dims);
                for (var d = 0; d < dims; d++)
                {
                    vector[d] = centres[f][d] + (noise * jitter[d]);
                }

                VectorMath.Normalize(vector);
            }
        }

        return (data, truth);
    }

    /// <summary>Normalised mutual information, arithmetic mean of the entropies (sklearn's default).</summary>
    public static double Nmi(int[] truth, int[] labels)
    {
        var n = (double)truth.Length;
        var joint = truth.Zip(labels).GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count() / n);
        var pt = truth.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count() / n);
        var pl = labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count() / n);
        var mutual = joint.Sum(j => j.Value * Math.Log(j.Value / (pt[j.Key.First] * pl[j.Key.Second])));
        double Entropy(Dictionary<int, double> p) => -p.Values.Sum(v => v * Math.Log(v));
        var mean = (Entropy(pt) + Entropy(pl)) / 2;
        return mean == 0 ? 1 : mutual / mean;
    }

    private static float[] Gaussian(Random random, int dims) =>
        [.. Enumerable.Range(0, dims).Select(_ => (float)(Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble())))];
}
