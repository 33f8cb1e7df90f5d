using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.Core.Tests.Search;

public sealed class RankFusionTests
{
    [Fact]
    public void Fuse_TwoOverlappingLists_OrdersByReciprocalRankSum()
    {
        IReadOnlyList<long> clip = [1, 2, 3];
        IReadOnlyList<long> prompt = [3, 1, 4];

        var fused = RankFusion.Fuse([clip, prompt]);

        Assert.Equal([1L, 3L, 2L, 4L], fused.Select(hit => hit.Key));
        Assert.Equal((1.0 / 61) + (1.0 / 62), fused[0].Score, 12);
        Assert.Equal([1, 2], fused[0].Ranks);
        Assert.Equal([null, 3], fused[3].Ranks);
    }

    [Fact]
    public void Fuse_EqualScores_BreaksTiesByBestRankThenKey()
    {
        IReadOnlyList<long> first = [9, 5];
        IReadOnlyList<long> second = [7, 8];

        var fused = RankFusion.Fuse([first, second]);

        Assert.Equal([7L, 9L, 5L, 8L], fused.Select(hit => hit.Key));
    }

    [Fact]
    public void Fuse_KeyInBothListsLow_BeatsKeyTopOfOneList()
    {
        IReadOnlyList<long> first = [1, 2, 3, 4, 5];
        IReadOnlyList<long> second = [6, 7, 8, 9, 5];

        var fused = RankFusion.Fuse([first, second]);

        Assert.Equal(5L, fused[0].Key);
    }

    [Fact]
    public void Fuse_Weights_FavourTheHeavierList()
    {
        IReadOnlyList<long> clip = [1, 2];
        IReadOnlyList<long> prompt = [2, 1];

        var fused = RankFusion.Fuse([clip, prompt], weights: [1.0, 2.0]);

        Assert.Equal([2L, 1L], fused.Select(hit => hit.Key));
    }

    [Fact]
    public void Fuse_RepeatedKeyInOneList_CountsFirstPositionOnly()
    {
        IReadOnlyList<long> noisy = [4, 4, 5];

        var fused = RankFusion.Fuse([noisy], k: 0);

        Assert.Equal(1.0, fused[0].Score, 12);
        Assert.Equal(1.0 / 3, fused[1].Score, 12);
    }

    [Fact]
    public void Fuse_NoRankings_ReturnsEmpty()
    {
        Assert.Empty(RankFusion.Fuse([]));
    }
}
