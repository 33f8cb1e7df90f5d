using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Core.VectorIndex;

namespace DrawingFromDiffusion.Core.Tests.Search;

public sealed class VideoGroupingTests
{
    // Frames 101..103 belong to video 100; 201 to video 200; 1 and 2 are plain images.
    private static readonly Dictionary<long, FrameRef> _frames = new()
    {
        [101] = new(100, 0),
        [102] = new(100, 2000),
        [103] = new(100, 4000),
        [201] = new(200, 1500),
    };

    private static FrameRef? FrameOf(long id) => _frames.TryGetValue(id, out var frame) ? frame : null;

    [Fact]
    public void Group_FramesOfOneVideo_OneResultAtBestFrameRank()
    {
        VectorHit[] hits = [new(1, 0.10f), new(102, 0.15f), new(2, 0.20f), new(103, 0.25f), new(101, 0.30f)];

        var grouped = VideoGrouping.Group(hits, FrameOf);

        Assert.Equal([1L, 100, 2], grouped.Select(g => g.Id));
        var video = grouped[1];
        Assert.Equal(102, video.BestFrame!.FrameId);
        Assert.Equal(2000, video.BestFrame.TimestampMs);
        Assert.Equal(0.15f, video.Distance);
        Assert.Equal([102L, 103, 101], video.Frames.Select(f => f.FrameId));
    }

    [Fact]
    public void Group_PlainImages_UnchangedWithoutFrames()
    {
        VectorHit[] hits = [new(2, 0.1f), new(1, 0.2f)];

        var grouped = VideoGrouping.Group(hits, FrameOf);

        Assert.Equal([2L, 1], grouped.Select(g => g.Id));
        Assert.All(grouped, g => Assert.Null(g.BestFrame));
        Assert.All(grouped, g => Assert.Empty(g.Frames));
    }

    [Fact]
    public void Group_TwoVideosInterleaved_EachOnceInOrderOfBestFrame()
    {
        VectorHit[] hits = [new(201, 0.05f), new(101, 0.06f), new(102, 0.07f)];

        var grouped = VideoGrouping.Group(hits, FrameOf);

        Assert.Equal([200L, 100], grouped.Select(g => g.Id));
        Assert.Single(grouped[0].Frames);
        Assert.Equal(2, grouped[1].Frames.Count);
    }

    [Fact]
    public void Group_Empty_Empty() => Assert.Empty(VideoGrouping.Group([], FrameOf));
}
