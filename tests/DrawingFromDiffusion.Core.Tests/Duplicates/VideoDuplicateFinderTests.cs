using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Core.Tests.Duplicates;

public sealed class VideoDuplicateFinderTests
{
    private static readonly ulong[] _scenes = Enumerable.Range(0, 10).Select(i => Hash(new Random(i))).ToArray();

    private static ulong Hash(Random random) => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 32);

    /// <summary>Frames every 2 s from <paramref name="from"/>, with <paramref name="flips"/> bits changed per frame (re-encoding noise).</summary>
    private static VideoHashes Video(long id, int from, int count, int flips = 0) =>
        new(id, count * 2000L, Enumerable.Range(0, count)
            .Select(i => new FrameHash(i * 2000L, _scenes[from + i] ^ ((1UL << flips) - 1)))
            .ToList());

    [Fact]
    public void Find_ReEncode_MatchedAsSameLength()
    {
        var matches = VideoDuplicateFinder.Find([Video(1, 0, 10), Video(2, 0, 10, flips: 3)]);

        var match = Assert.Single(matches);
        Assert.False(match.IsTrim);
        Assert.Equal(1.0, match.Coverage);
        Assert.Equal(0, match.OffsetMs);
    }

    [Fact]
    public void Find_Trim_MatchedWithOffset()
    {
        var matches = VideoDuplicateFinder.Find([Video(1, 0, 10), Video(2, 3, 5, flips: 2)]);

        var match = Assert.Single(matches);
        Assert.True(match.IsTrim);
        Assert.Equal((2L, 1L), (match.Shorter, match.Longer));
        Assert.Equal(6000, match.OffsetMs);
    }

    [Fact]
    public void Find_UnrelatedVideos_NoMatch()
    {
        var other = new VideoHashes(3, 20_000, Enumerable.Range(0, 10).Select(i => new FrameHash(i * 2000L, Hash(new Random(100 + i)))).ToList());

        Assert.Empty(VideoDuplicateFinder.Find([Video(1, 0, 10), other]));
    }

    [Fact]
    public void Find_SameFramesInOtherOrder_NoMatch()
    {
        var reversed = new VideoHashes(2, 20_000, Video(1, 0, 10).Frames.Reverse().Select((f, i) => f with { TimestampMs = i * 2000L }).ToList());

        Assert.Empty(VideoDuplicateFinder.Find([Video(1, 0, 10), reversed]));
    }

    [Fact]
    public void Find_TooNoisy_NoMatch()
    {
        Assert.Empty(VideoDuplicateFinder.Find([Video(1, 0, 10), Video(2, 0, 10, flips: 20)]));
    }
}
