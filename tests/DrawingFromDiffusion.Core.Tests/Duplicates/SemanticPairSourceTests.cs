using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.VectorIndex;

namespace DrawingFromDiffusion.Core.Tests.Duplicates;

public class SemanticPairSourceTests
{
    private static float[] Unit(params float[] values)
    {
        VectorMath.Normalize(values);
        return values;
    }

    private static ExactIndex Index()
    {
        var index = new ExactIndex(4);
        index.Add(1, Unit(1, 0, 0, 0));
        index.Add(2, Unit(1, 0.05f, 0, 0));   // cos distance ≈ 0.00125 to 1
        index.Add(3, Unit(0, 1, 0, 0));
        index.Add(4, Unit(0, 1, 0.3f, 0));    // ≈ 0.042 to 3
        index.Add(5, Unit(0, 0, 0, 1));
        return index;
    }

    [Fact]
    public void FindPairs_CloseEmbeddings_LinkedWithCosineDistance()
    {
        using var index = Index();
        var candidates = Enumerable.Range(1, 5).Select(i => Candidates.File(i, $"/{i}.png")).ToList();

        var links = new SemanticPairSource(new NearestNeighbours(index), 0.01).FindPairs(candidates, CancellationToken.None).ToList();

        var link = Assert.Single(links);
        Assert.Equal([0, 1], new[] { link.A, link.B }.Order());
        Assert.Equal(DuplicateTier.Semantic, link.Tier);
        Assert.InRange(link.Distance, 0.0005, 0.005);
    }

    [Fact]
    public void FindPairs_LooserThreshold_LinksSecondPairOnceOnly()
    {
        using var index = Index();
        var candidates = Enumerable.Range(1, 5).Select(i => Candidates.File(i, $"/{i}.png")).ToList();

        var links = new SemanticPairSource(new NearestNeighbours(index), 0.05).FindPairs(candidates, CancellationToken.None).ToList();

        Assert.Equal(2, links.Count);
        Assert.Contains(links, l => new[] { l.A, l.B }.Order().SequenceEqual([2, 3]));
    }

    [Fact]
    public void FindPairs_ImageNotInCandidates_NotLinked()
    {
        using var index = Index();
        var candidates = new[] { Candidates.File(1, "/1.png"), Candidates.File(5, "/5.png") };

        Assert.Empty(new SemanticPairSource(new NearestNeighbours(index), 0.5).FindPairs(candidates, CancellationToken.None));
    }

    [Fact]
    public void Group_SemanticLinks_MergeWithIdenticalCopies()
    {
        using var index = Index();
        var candidates = new[] { Candidates.File(1, "/a.png"), Candidates.File(1, "/b.png"), Candidates.File(2, "/c.png") };

        var groups = DuplicateGrouper.Group(candidates, [new IdenticalPairSource(), new SemanticPairSource(new NearestNeighbours(index), 0.01)], CancellationToken.None);

        var group = Assert.Single(groups);
        Assert.Equal(3, group.Members.Count);
        Assert.Contains(group.Members, m => m.Tier == DuplicateTier.Semantic);
    }
}
