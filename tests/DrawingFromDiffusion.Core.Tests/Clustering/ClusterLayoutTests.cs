using DrawingFromDiffusion.Core.Clustering;

namespace DrawingFromDiffusion.Core.Tests.Clustering;

public class ClusterLayoutTests
{
    [Fact]
    public void Place_OverlappingFamilies_EveryClusterKeepsItsOwnArea()
    {
        // Loose families that a plain PCA draws on top of each other.
        var (data, _) = FamilyVectors.Generate([80, 60, 40, 30, 20], 32, seed: 5, familySpread: 0.3f, noise: 0.4f);
        var fit = SphericalKMeans.Fit(data, 32, 5, seed: 1);

        var points = ClusterLayout.Place(data, 32, fit.Assignment, fit.Centroids, seed: 1);

        var nearestOther = double.MaxValue;
        for (var i = 0; i < fit.Assignment.Length; i++)
        {
            for (var j = i + 1; j < fit.Assignment.Length; j++)
            {
                if (fit.Assignment[i] != fit.Assignment[j])
                {
                    nearestOther = Math.Min(nearestOther, Math.Sqrt(Math.Pow(points[2 * i] - points[2 * j], 2) + Math.Pow(points[(2 * i) + 1] - points[(2 * j) + 1], 2)));
                }
            }
        }

        Assert.True(nearestOther > 0.01, $"two clusters' points {nearestOther:0.0000} apart");
        Assert.Equal(points, ClusterLayout.Place(data, 32, fit.Assignment, fit.Centroids, seed: 1));
    }
}
