using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Core.Tests.Duplicates;

public sealed class VideoPairSourceTests
{
    private static readonly ulong[] _scenes = [.. Enumerable.Range(0, 12).Select(i => unchecked((ulong)(i + 1) * 0x9E3779B97F4A7C15UL))];

    [Fact]
    public void FindPairs_TrimOfAVideo_LinksTheTwoVideoFilesOnly()
    {
        var modified = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        DuplicateCandidate[] candidates =
        [
            new(1, "/a/still.png", 64, 64, _scenes[0], _scenes[0], modified, false),
            new(2, "/a/long.mp4", 64, 64, _scenes[0], _scenes[0], modified, false, IsVideo: true),
            new(3, "/a/short.mp4", 64, 64, _scenes[4], _scenes[4], modified, false, IsVideo: true),
        ];
        var source = new VideoPairSource([Video(2, 0, 12), Video(3, 4, 6)]);

        var link = Assert.Single(source.FindPairs(candidates, CancellationToken.None));

        Assert.Equal((2, 1), (link.A, link.B));
        Assert.Equal(DuplicateTier.Visual, link.Tier);
        Assert.Equal(0, link.Distance);
        Assert.Equal("video trim (from 8 s), 100 % of its frames in order", link.Detail);
    }

    [Fact]
    public void FindPairs_VideoNotAmongCandidates_NoLink()
    {
        var source = new VideoPairSource([Video(2, 0, 12), Video(3, 0, 12)]);
        DuplicateCandidate[] candidates = [new(2, "/a/one.mp4", 64, 64, _scenes[0], _scenes[0], DateTimeOffset.UnixEpoch, false, IsVideo: true)];

        Assert.Empty(source.FindPairs(candidates, CancellationToken.None));
    }

    private static VideoHashes Video(long id, int from, int count) =>
        new(id, count * 2000L, [.. Enumerable.Range(0, count).Select(i => new FrameHash(i * 2000L, _scenes[from + i]))]);
}
