using DrawingFromDiffusion.Core.Duplicates;
using static DrawingFromDiffusion.Core.Tests.Duplicates.Candidates;

namespace DrawingFromDiffusion.Core.Tests.Duplicates;

public sealed class KeeperRuleTests
{
    [Fact]
    public void Choose_DifferentSizes_KeepsMostPixelsOverMetadataAndAge()
    {
        var members = new[]
        {
            File(1, "/a/old-with-prompt.png", width: 512, height: 512, ageDays: 100, generation: true),
            File(2, "/a/big.png", width: 1024, height: 1024),
        };

        var (index, reason) = KeeperRule.Choose(members);

        Assert.Equal(1, index);
        Assert.Equal("most pixels (1024×1024)", reason);
    }

    [Fact]
    public void Choose_SameSize_KeepsTheOneWithMetadataOverAge()
    {
        var members = new[]
        {
            File(1, "/a/old.png", ageDays: 100),
            File(2, "/a/prompt.png", generation: true),
        };

        var (index, reason) = KeeperRule.Choose(members);

        Assert.Equal(1, index);
        Assert.Equal("has generation metadata", reason);
    }

    [Fact]
    public void Choose_SameSizeAndMetadata_KeepsOldest()
    {
        var members = new[]
        {
            File(1, "/a/new.png", ageDays: 1),
            File(1, "/a/old.png", ageDays: 30),
            File(1, "/a/mid.png", ageDays: 10),
        };

        var (index, reason) = KeeperRule.Choose(members);

        Assert.Equal(1, index);
        Assert.StartsWith("oldest", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_AllEqual_FallsBackToFirstPath()
    {
        var members = new[] { File(1, "/b.png"), File(1, "/a.png") };

        var (index, reason) = KeeperRule.Choose(members);

        Assert.Equal(1, index);
        Assert.Contains("first by path", reason, StringComparison.Ordinal);
    }
}
