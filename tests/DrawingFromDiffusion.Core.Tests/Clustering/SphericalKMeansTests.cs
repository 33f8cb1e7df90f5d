using DrawingFromDiffusion.Core.Clustering;
using DrawingFromDiffusion.Core.Progress;

namespace DrawingFromDiffusion.Core.Tests.Clustering;

public class SphericalKMeansTests
{
    [Fact]
    public void Fit_SameSeed_SameAssignmentAndCentroids()
    {
        var (data, _) = ClusteringData.Blobs(5, 40, 16, seed: 1, spread: 0.6f);

        var a = SphericalKMeans.Fit(data, 16, 5, seed: 7);
        var b = SphericalKMeans.Fit(data, 16, 5, seed: 7);

        Assert.Equal(a.Assignment, b.Assignment);
        Assert.Equal(a.Centroids, b.Centroids);
    }

    [Fact]
    public void Fit_Progress_CountsIterationsAndEndsWithTheOnesItTook()
    {
        var (data, _) = ClusteringData.Blobs(4, 30, 8, seed: 3);
        var reports = new List<StageProgress>();

        var fit = SphericalKMeans.Fit(data, 8, 4, seed: 11, progress: new Collect(reports));

        Assert.All(reports, r => Assert.Equal("k-means k=4", r.Stage));
        Assert.Equal(50, reports[0].Total);
        Assert.True(reports[^1].IsFinished);
        Assert.Equal(Math.Max(1, fit.Iterations), reports[^1].Done);
        Assert.All(reports.Take(reports.Count - 1), r => Assert.False(r.IsFinished));
    }

    [Fact]
    public void AutoK_Progress_OneReportPerKAfterTheStart()
    {
        var (data, _) = ClusteringData.Blobs(4, 30, 8, seed: 3);
        var reports = new List<StageProgress>();

        AutoK.Choose(data, 8, 2, 6, seed: 1, new Collect(reports));

        Assert.Equal([0L, 1, 2, 3, 4, 5], reports.Select(r => r.Done));
        Assert.All(reports, r => Assert.Equal(5, r.Total));
        Assert.True(reports[^1].IsFinished);
    }

    [Fact]
    public void Fit_WellSeparatedBlobs_RecoversThem()
    {
        var (data, truth) = ClusteringData.Blobs(4, 30, 8, seed: 3);

        var fit = SphericalKMeans.Fit(data, 8, 4, seed: 11);

        // Each found cluster holds exactly one planted blob.
        for (var c = 0; c < 4; c++)
        {
            Assert.Single(truth.Where((_, i) => fit.Assignment[i] == c).Distinct());
        }

        Assert.All(fit.Sizes(), s => Assert.Equal(30, s));
    }

    [Fact]
    public void Fit_Centroids_AreUnitVectors()
    {
        var (data, _) = ClusteringData.Blobs(3, 20, 8, seed: 5, spread: 0.3f);

        var fit = SphericalKMeans.Fit(data, 8, 3, seed: 2);

        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(1, System.Numerics.Tensors.TensorPrimitives.Norm(fit.Centroid(c)), 3);
        }
    }

    [Fact]
    public void Medoids_NearestRowOfEachCluster_BelongsToIt()
    {
        var (data, _) = ClusteringData.Blobs(3, 10, 8, seed: 9);

        var fit = SphericalKMeans.Fit(data, 8, 3, seed: 1);
        var medoids = fit.Medoids();

        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(c, fit.Assignment[medoids[c]]);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public void AutoK_PlantedClusters_PicksPlantedK(int planted)
    {
        var (data, _) = ClusteringData.Blobs(planted, 25, 12, seed: planted);

        var (k, scores) = AutoK.Choose(data, 12, 2, 10, seed: 4);

        Assert.Equal(planted, k);
        Assert.Equal(9, scores.Count);
    }

    [Fact]
    public void Pca2D_TwoBlobs_SeparatedOnFirstAxis()
    {
        var (data, truth) = ClusteringData.Blobs(2, 20, 8, seed: 2);

        var points = Pca2D.Project(data, 8);

        var xs0 = truth.Select((t, i) => (t, x: points[2 * i])).Where(p => p.t == 0).Select(p => p.x).ToList();
        var xs1 = truth.Select((t, i) => (t, x: points[2 * i])).Where(p => p.t == 1).Select(p => p.x).ToList();
        Assert.True(xs0.Max() < xs1.Min() || xs1.Max() < xs0.Min());
    }

    private sealed class Collect(List<StageProgress> reports) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => reports.Add(value);
    }
}
