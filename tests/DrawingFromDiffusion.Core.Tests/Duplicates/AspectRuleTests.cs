using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Core.Tests.Duplicates;

/// <summary>The pixel check samples both pictures on one grid whatever their shape; the aspect rule keeps a tall bar
/// and a wide bar apart while a slight crop still links.</summary>
public sealed class AspectRuleTests
{
    [Fact]
    public void FindPairs_TallBarAndWideBar_DoNotLinkThoughTheirPixelsMatch()
    {
        var tall = Bar(12, 60);
        var wide = Bar(60, 12);
        Assert.True(VisualRule.Default.Links(PixelCheck.Compare(tall, wide)), "the pixels alone match: the test needs the aspect rule");

        var links = Links((60, 300, tall), (300, 60, wide));

        Assert.Empty(links);
    }

    [Fact]
    public void FindPairs_SlightlyCroppedBar_StillLinks()
    {
        var links = Links((300, 60, Bar(60, 12)), (288, 60, Bar(58, 12)));

        Assert.Single(links);
    }

    [Theory]
    [InlineData(60, 300, 300, 60, false)]
    [InlineData(300, 60, 288, 60, true)]
    [InlineData(100, 100, 84, 100, true)]
    [InlineData(100, 100, 80, 100, false)]
    public void AspectsAgree_FollowsTheSlightCropLimit(int widthA, int heightA, int widthB, int heightB, bool agree) =>
        Assert.Equal(agree, VisualRule.AspectsAgree(widthA, heightA, widthB, heightB));

    private static List<DuplicateLink> Links(params (int Width, int Height, PixelPrint Print)[] files)
    {
        var candidates = files.Select((f, i) => new DuplicateCandidate(i, $"/p/{i}.png", f.Width, f.Height, 0UL, 0UL, DateTimeOffset.UnixEpoch, false)).ToList();
        var prints = files.Select(f => f.Print).ToArray();
        return [.. new VisualPairSource(VisualRule.Default, new Prints(prints)).FindPairs(candidates, CancellationToken.None)];
    }

    /// <summary>A black bar with a white margin of a sixth of each side, shaped like the picture.</summary>
    private static PixelPrint Bar(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inside = x >= width / 6 && x < width - (width / 6) && y >= height / 6 && y < height - (height / 6);
                rgb[(((y * width) + x) * 3) + 0] = rgb[(((y * width) + x) * 3) + 1] = rgb[(((y * width) + x) * 3) + 2] = inside ? (byte)20 : (byte)255;
            }
        }

        return new PixelPrint(width, height, rgb);
    }

    private sealed class Prints(PixelPrint[] prints) : IPixelPrintSource
    {
        public PixelPrint? Get(long imageId) => prints[imageId];
    }
}
