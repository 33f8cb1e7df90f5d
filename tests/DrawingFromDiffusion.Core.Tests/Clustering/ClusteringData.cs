using DrawingFromDiffusion.Core.Embeddings;

namespace DrawingFromDiffusion.Core.Tests.Clustering;

internal static class ClusteringData
{
    /// <summary><paramref name="k"/> tight, well-separated blobs on the unit sphere, <paramref name="perCluster"/> rows each.</summary>
    public static (float[] Data, int[] Truth) Blobs(int k, int perCluster, int dims, int seed, float spread = 0.05f)
    {
        var random = new Random(seed);
        var centres = new float[k][];
        for (var c = 0; c < k; c++)
        {
            centres[c] = new float[dims];
            centres[c][c % dims] = 1;
            centres[c][(c + 1) % dims] = c >= dims ? 0.5f : 0;
        }

        var data = new float[k * perCluster * dims];
        var truth = new int[k * perCluster];
        for (var i = 0; i < k * perCluster; i++)
        {
            var c = i % k;
            truth[i] = c;
            var row = data.AsSpan(i * dims, dims);
            for (var j = 0; j < dims; j++)
            {
                row[j] = centres[c][j] + (spread * (float)((random.NextDouble() * 2) - 1));
            }

            VectorMath.Normalize(row);
        }

        return (data, truth);
    }
}
