using DrawingFromDiffusion.Core.Duplicates;
using static DrawingFromDiffusion.Core.Tests.Duplicates.Candidates;

namespace DrawingFromDiffusion.Core.Tests.Duplicates;

public sealed class DuplicateGrouperTests
{
    [Fact]
    public void Group_TransitiveVisualLinks_MergesIntoOneGroupWithKeeperFirst()
    {
        // Without thumbnails hashes alone decide: a–b and b–c are within the rule, a–c is not, and union-find still
        // puts all three together.
        var candidates = new[]
        {
            File(1, "/a.png", phash: 0b0000, dhash: 0, width: 256, height: 256),
            File(2, "/b.png", phash: 0b0011, dhash: 0, width: 1024, height: 1024),
            File(3, "/c.png", phash: 0b1111, dhash: 0, width: 512, height: 512),
            File(4, "/other.png", phash: ulong.MaxValue, dhash: ulong.MaxValue),
        };

        var groups = DuplicateGrouper.Group(candidates, [new VisualPairSource(new VisualRule(1, 0.9), NoPixelPrints.Instance)], CancellationToken.None);

        var group = Assert.Single(groups);
        Assert.Equal("/b.png", group.Keeper.Candidate.Path);
        Assert.Equal(["/a.png", "/b.png", "/c.png"], group.Members.Select(m => m.Candidate.Path).Order(StringComparer.Ordinal));
        Assert.True(group.Keeper.IsKeeper);
        Assert.Equal("most pixels (1024×1024)", group.KeeperReason);
        Assert.All(group.Members.Skip(1), m =>
        {
            Assert.Equal(DuplicateTier.Visual, m.Tier);
            Assert.Equal(2, m.Distance);
            Assert.Equal("/b.png", m.LinkedTo);
        });
    }

    [Fact]
    public void Group_TentativeLinks_BringCopiesInButNeverJoinTwoSureGroups()
    {
        // Two sibling drawings, each sure of its copy (r ≥ 0.97), look alike to each other (a tentative link). A third
        // copy, tentatively like both, joins the one it is more like.
        var candidates = Enumerable.Range(0, 5).Select(i => File(i + 1, $"/{(char)('a' + i)}.png", phash: (ulong)i << (8 * i))).ToArray();
        var source = new FixedLinks(
            new DuplicateLink(0, 1, DuplicateTier.Visual, 0, "sure A", Strength: 0.99),
            new DuplicateLink(2, 3, DuplicateTier.Visual, 0, "sure B", Strength: 0.98),
            new DuplicateLink(1, 2, DuplicateTier.Visual, 0, "siblings", Tentative: true, Strength: 0.95),
            new DuplicateLink(4, 2, DuplicateTier.Visual, 0, "copy, weaker", Tentative: true, Strength: 0.90),
            new DuplicateLink(4, 0, DuplicateTier.Visual, 0, "copy, stronger", Tentative: true, Strength: 0.93));

        var groups = DuplicateGrouper.Group(candidates, [source], CancellationToken.None);

        Assert.Equal(2, groups.Count);
        Assert.Equal(["/a.png", "/b.png", "/e.png"], groups[0].Members.Select(m => m.Candidate.Path).Order(StringComparer.Ordinal));
        Assert.Equal(["/c.png", "/d.png"], groups[1].Members.Select(m => m.Candidate.Path).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(groups.SelectMany(g => g.Members), m => m.Detail is "siblings" or "copy, weaker");
    }

    [Fact]
    public void Group_MemberReachedThroughATentativeLink_IsMarkedTentativeDownTheChain()
    {
        // b–c sure, a–b tentative, a the keeper (most pixels): c hangs on a's group through b's look-alike link.
        var candidates = Enumerable.Range(0, 3).Select(i => File(i + 1, $"/{(char)('a' + i)}.png", phash: (ulong)i << (8 * i), width: 400 - i, height: 400)).ToArray();
        var source = new FixedLinks(
            new DuplicateLink(1, 2, DuplicateTier.Visual, 0, "copy of b", Strength: 0.99),
            new DuplicateLink(0, 1, DuplicateTier.Visual, 0, "look-alike", Tentative: true, Strength: 0.95));

        var group = Assert.Single(DuplicateGrouper.Group(candidates, [source], CancellationToken.None));

        Assert.Equal("/a.png", group.Keeper.Candidate.Path);
        var tentative = group.Members.Where(m => m.Tentative).Select(m => m.Candidate.Path).Order(StringComparer.Ordinal);
        Assert.Equal(["/b.png", "/c.png"], tentative);
    }

    [Fact]
    public void Group_ChainOfLookAlikes_IsCutBeyondTheCentresCore()
    {
        // a~b~c~d~e, each only like its neighbours (star polygons with one more point each): union-find made one
        // group of five; a and e are different pictures.
        var candidates = Enumerable.Range(0, 5).Select(i => File(i + 1, $"/{(char)('a' + i)}.png", phash: (ulong)i << (8 * i))).ToArray();
        var source = new FixedLinks(
            new DuplicateLink(0, 1, DuplicateTier.Visual, 0, "a~b", Strength: 0.99),
            new DuplicateLink(1, 2, DuplicateTier.Visual, 0, "b~c", Strength: 0.99),
            new DuplicateLink(2, 3, DuplicateTier.Visual, 0, "c~d", Strength: 0.99),
            new DuplicateLink(3, 4, DuplicateTier.Visual, 0, "d~e", Strength: 0.99));

        var groups = DuplicateGrouper.Group(candidates, [source], CancellationToken.None);

        // b is the first centre, a and c its core, d links to the core; e is three links from b.
        var group = Assert.Single(groups);
        Assert.Equal(["/a.png", "/b.png", "/c.png", "/d.png"], group.Members.Select(m => m.Candidate.Path).Order(StringComparer.Ordinal));
        Assert.All(group.Members.Where(m => !m.IsKeeper), m => Assert.Contains(m.LinkedTo, group.Members.Select(x => x.Candidate.Path)));
    }

    [Fact]
    public void Group_FilesOfOneImage_FormAnIdenticalGroupWithOldestKept()
    {
        var candidates = new[]
        {
            File(7, "/copy.png", ageDays: 1),
            File(7, "/original.png", ageDays: 50),
            File(8, "/unique.png", phash: ulong.MaxValue),
        };

        var groups = DuplicateGrouper.Group(candidates, [new IdenticalPairSource(), new VisualPairSource(VisualRule.Default, NoPixelPrints.Instance)], CancellationToken.None);

        var group = Assert.Single(groups);
        Assert.Equal("/original.png", group.Keeper.Candidate.Path);
        var copy = group.Members[1];
        Assert.Equal(DuplicateTier.Identical, copy.Tier);
        Assert.Equal(0, copy.Distance);
        Assert.Equal([DuplicateTier.Identical], group.Tiers);
    }

    [Fact]
    public void Group_MemberReachableByTwoTiers_ReportsTheStrongerLink()
    {
        // /b.png shares an image with the keeper (identical) and is also visually close to /c.png.
        var candidates = new[]
        {
            File(1, "/a.png", phash: 0, ageDays: 9),
            File(1, "/b.png", phash: 0),
            File(2, "/c.png", phash: 1, width: 100, height: 100),
        };

        var groups = DuplicateGrouper.Group(candidates, [new IdenticalPairSource(), new VisualPairSource(VisualRule.Default, NoPixelPrints.Instance)], CancellationToken.None);

        var members = Assert.Single(groups).Members.ToDictionary(m => m.Candidate.Path);
        Assert.True(members["/a.png"].IsKeeper);
        Assert.Equal(DuplicateTier.Identical, members["/b.png"].Tier);
        Assert.Equal(DuplicateTier.Visual, members["/c.png"].Tier);
        Assert.Equal("pHash 1, dHash 0", members["/c.png"].Detail);
    }

    [Fact]
    public void Group_NoLinks_ReturnsNoGroups()
    {
        var candidates = new[] { File(1, "/a.png", phash: 0), File(2, "/b.png", phash: ulong.MaxValue) };

        var groups = DuplicateGrouper.Group(candidates, [new IdenticalPairSource(), new VisualPairSource(VisualRule.Default, NoPixelPrints.Instance)], CancellationToken.None);

        Assert.Empty(groups);
    }

    private sealed class FixedLinks(params DuplicateLink[] links) : IDuplicatePairSource
    {
        public DuplicateTier Tier => DuplicateTier.Visual;

        public IEnumerable<DuplicateLink> FindPairs(IReadOnlyList<DuplicateCandidate> candidates, CancellationToken cancellationToken) => links;
    }
}
