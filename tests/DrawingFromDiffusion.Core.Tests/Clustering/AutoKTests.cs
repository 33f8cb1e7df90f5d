using DrawingFromDiffusion.Core.Clustering;

namespace DrawingFromDiffusion.Core.Tests.Clustering;

public class AutoKTests
{
    private static readonly int[] _sevenFamilies = [160, 120, 90, 70, 60, 45, 35];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Choose_SevenFamiliesInTwoKinds_SplitsIntoTheFamiliesAsWellAsKMeansAtTheTrueK(int seed)
    {
        const int Dims = 48;
        var (data, truth) = FamilyVectors.Generate(_sevenFamilies, Dims, seed);

        var (k, scores) = AutoK.Choose(data, Dims, 2, 20, seed: 42);
        var chosen = SphericalKMeans.Fit(data, Dims, k, seed: 42).Assignment;
        var atTrueK = SphericalKMeans.Fit(data, Dims, 7, seed: 42).Assignment;

        Assert.InRange(k, 6, 10);
        Assert.True(FamilyVectors.Nmi(truth, chosen) >= FamilyVectors.Nmi(truth, atTrueK) - 0.03,
            $"k {k}: NMI {FamilyVectors.Nmi(truth, chosen):0.000} against {FamilyVectors.Nmi(truth, atTrueK):0.000} at k 7");
        // Why silhouette no longer chooses: on this shape it prefers the two broad kinds.
        Assert.Equal(2, scores.MaxBy(s => s.Silhouette)!.K);
    }

    [Fact]
    public void Modularity_TwoTrianglesJoinedByOneEdge_MatchesNewmansFormula()
    {
        int[][] graph = [[1, 2], [0, 2], [0, 1, 3], [2, 4, 5], [3, 5], [3, 4]];

        var split = AutoK.Modularity(graph, [0, 0, 0, 1, 1, 1], 2);
        var together = AutoK.Modularity(graph, [0, 0, 0, 0, 0, 0], 1);

        // 7 edges; each side holds 3 of them and 7 of the 14 edge ends: 2 · (3/7 − (7/14)²).
        Assert.Equal(2 * ((3 / 7.0) - 0.25), split, 9);
        Assert.Equal(0, together, 9);
    }

    [Fact]
    public void NeighbourGraph_IsSymmetricAndLinksTheNearest()
    {
        // Points on a line at 0, 1, 2, 10: distances are |a − b|.
        float[] positions = [0, 1, 2, 10];
        var distances = new float[16];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                distances[(i * 4) + j] = Math.Abs(positions[i] - positions[j]);
            }
        }

        var graph = AutoK.NeighbourGraph(distances, 4, 1);

        Assert.Equal([1], graph[0]);
        Assert.Equal([0, 2], graph[1]);
        Assert.Equal([1, 3], graph[2]);
        Assert.Equal([2], graph[3]);
    }
}
