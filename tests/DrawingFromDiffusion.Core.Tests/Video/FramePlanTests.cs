using DrawingFromDiffusion.Core.Video;

namespace DrawingFromDiffusion.Core.Tests.Video;

public sealed class FramePlanTests
{
    private static readonly TimeSpan _twoSeconds = TimeSpan.FromSeconds(2);

    [Fact]
    public void Build_NoScenes_FloorEveryInterval()
    {
        var plan = FramePlan.Build(7_000, [], _twoSeconds, 64);

        Assert.Equal([0L, 2000, 4000, 6000], plan);
    }

    [Fact]
    public void Build_SceneInsideInterval_ReplacesFloorAndRestartsIt()
    {
        var plan = FramePlan.Build(7_000, [1_500], _twoSeconds, 64);

        Assert.Equal([0L, 1500, 3500, 5500], plan);
    }

    [Fact]
    public void Build_ScenesCloserThanMinGap_KeptOnce()
    {
        var plan = FramePlan.Build(3_000, [1_000, 1_100, 1_200], TimeSpan.FromSeconds(10), 64);

        Assert.Equal([0L, 1000], plan);
    }

    [Fact]
    public void Build_ScenesOutsideVideo_Ignored()
    {
        var plan = FramePlan.Build(3_000, [-5, 0, 9_000], TimeSpan.FromSeconds(10), 64);

        Assert.Equal([0L], plan);
    }

    [Fact]
    public void Build_UnknownDuration_FirstFrameAndScenes()
    {
        var plan = FramePlan.Build(0, [5_000, 1_000], _twoSeconds, 64);

        Assert.Equal([0L, 1000, 5000], plan);
    }

    [Fact]
    public void Build_TenHours_CapSpreadEvenlyWithoutPerIntervalPlan()
    {
        var plan = FramePlan.Build(36_000_000, [], _twoSeconds, 64);

        Assert.Equal(64, plan.Count);
        Assert.Equal(0, plan[0]);
        Assert.Equal(36_000_000 / 64 * 63, plan[^1]);
    }

    [Fact]
    public void Build_ManyScenes_ThinnedToCapKeepingFirstAndLast()
    {
        var scenes = Enumerable.Range(1, 99).Select(i => i * 500L).ToList();

        var plan = FramePlan.Build(50_000, scenes, TimeSpan.FromSeconds(10), 10);

        Assert.Equal(10, plan.Count);
        Assert.Equal(0, plan[0]);
        Assert.Equal(49_500, plan[^1]);
        Assert.True(plan.Zip(plan.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void Build_CapOfOne_FirstFrameOnly()
    {
        Assert.Equal([0L], FramePlan.Build(10_000, [3_000], _twoSeconds, 1));
    }
}
