using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Core.Tests.Duplicates;

public sealed class DisjointSetTests
{
    [Fact]
    public void Union_ChainOfPairs_PutsAllInOneSetAndLeavesOthersApart()
    {
        var set = new DisjointSet(6);

        Assert.True(set.Union(0, 1));
        Assert.True(set.Union(2, 1));
        Assert.True(set.Union(3, 2));
        Assert.False(set.Union(0, 3));

        Assert.Equal(set.Find(0), set.Find(3));
        Assert.Equal(4, set.SizeOf(2));
        Assert.NotEqual(set.Find(0), set.Find(4));
        Assert.Equal(1, set.SizeOf(5));
    }
}
