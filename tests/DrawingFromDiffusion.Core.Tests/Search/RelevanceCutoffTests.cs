using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.Core.Tests.Search;

public sealed class RelevanceCutoffTests
{
    [Fact]
    public void Auto_ClearGapAfterTopHits_CutsAtTheGap()
    {
        double[] scores = [0.34, 0.335, 0.33, 0.21, 0.205, 0.2, 0.199, 0.198, 0.197, 0.196, 0.195, 0.194];

        Assert.Equal(3, RelevanceCutoff.Auto(scores));
    }

    [Fact]
    public void Auto_SmoothDecline_KeepsThoseAboveMeanMinusHalfSigma()
    {
        var scores = Enumerable.Range(0, 50).Select(i => 0.3 - (i * 0.002)).ToList();

        var kept = RelevanceCutoff.Auto(scores);

        // Uniform over [0.202, 0.3]: mean 0.251, σ ≈ 0.0289, floor ≈ 0.2366 → the first 32 scores.
        Assert.Equal(32, kept);
    }

    [Fact]
    public void Auto_FewHits_KeepsAll() => Assert.Equal(3, RelevanceCutoff.Auto([0.9, 0.1, 0.05]));

    [Fact]
    public void Fixed_KeepsScoresAtOrAboveThreshold() => Assert.Equal(2, RelevanceCutoff.Fixed([0.5, 0.3, 0.29], 0.3));
}
