using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Similar;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Imaging;
using SkiaSharp;

namespace DrawingFromDiffusion.Cli.Tests.Querying;

/// <summary>
/// The re-rank of `dfd similar`: committed clip-art (a Spanish flag and its two look-alike siblings from the same
/// openclipart folder, three jigsaw pieces), copies of the query made here (mirrored; mirrored and padded with a white
/// border), and a vector ranking that puts the siblings first, as ResNet18 does with a mirrored or padded copy.
/// </summary>
public sealed class PixelRerankTests
{
    private static readonly string Originals = Path.Combine(AppContext.BaseDirectory, "TestData", "Originals");

    [Theory]
    [InlineData("017", "018", "019")]
    [InlineData("014", "015", "016")]
    public void Apply_MirroredAndPaddedCopiesRankedBelowLookAlikes_MovesTheCopiesAhead(string query, string sibling, string otherSibling)
    {
        using var original = SKBitmap.Decode(Path.Combine(Originals, query + ".png"));
        var prints = new Dictionary<long, CopyPrint>
        {
            [1] = PrintOf(Path.Combine(Originals, sibling + ".png")),
            [2] = PrintOf(Path.Combine(Originals, otherSibling + ".png")),
            [3] = PrintOf(Encode(Mirrored(original, border: 0))),
            [4] = PrintOf(Encode(Mirrored(original, border: 0.05))),
        };
        List<(long Id, double Similarity)> vectorRanking = [(1, 0.95), (2, 0.93), (3, 0.90), (4, 0.88)];

        var (ranked, copies) = PixelRerank.Apply(PrintOf(Path.Combine(Originals, query + ".png")), vectorRanking, id => prints[id]);

        Assert.Equal([3L, 4L], ranked.Take(2).Select(r => r.Id).Order());
        Assert.Equal([3L, 4L], copies.Keys.Order());
        Assert.Equal(vectorRanking.Select(r => r.Id).Order(), ranked.Select(r => r.Id).Order());
        Assert.Equal(0.90, ranked.Single(r => r.Id == 3).Similarity);
    }

    [Fact]
    public void Apply_ACopyOnlyAmongTheHashNeighbours_IsListedFirst_ASiblingThereIsLeftOut()
    {
        // The vector ranking holds only a sibling; the hash pool (beyond the vector top) brings a mirrored copy and
        // another sibling. The copy goes ahead with its own vector similarity; the sibling that is no copy stays out.
        using var original = SKBitmap.Decode(Path.Combine(Originals, "017.png"));
        var prints = new Dictionary<long, CopyPrint>
        {
            [1] = PrintOf(Path.Combine(Originals, "018.png")),
            [2] = PrintOf(Encode(Mirrored(original, border: 0))),
            [3] = PrintOf(Path.Combine(Originals, "019.png")),
        };
        List<(long Id, double Similarity)> vectorRanking = [(1, 0.95)];

        var (ranked, copies) = PixelRerank.Apply(PrintOf(Path.Combine(Originals, "017.png")), vectorRanking, id => prints[id], [(2, 0.40), (3, 0.50)]);

        Assert.Equal([2L, 1L], ranked.Select(r => r.Id));
        Assert.Equal(0.40, ranked[0].Similarity);
        Assert.Equal([2L], copies.Keys);
    }

    [Fact]
    public void Compare_ACopyWithinTheLocalBar_GoesAheadOfAStrongerMatchThatDiffersInOnePlace()
    {
        var lookAlike = new CopyScore(0.99, VisualRule.DefaultLocalDifference + 10);
        var copy = new CopyScore(0.90, VisualRule.SureLocalDifference);
        var closerCopy = new CopyScore(0.95, 3);

        Assert.Equal([closerCopy, copy, lookAlike], new[] { lookAlike, copy, closerCopy }.Order(Comparer<CopyScore>.Create(CopyScore.Compare)));
    }

    [Fact]
    public void Apply_NoCopyAmongTheCandidates_KeepsTheVectorOrder()
    {
        var prints = new Dictionary<long, CopyPrint>
        {
            [1] = PrintOf(Path.Combine(Originals, "000.png")),
            [2] = PrintOf(Path.Combine(Originals, "010.png")),
            [3] = PrintOf(Path.Combine(Originals, "020.png")),
        };
        List<(long Id, double Similarity)> vectorRanking = [(3, 0.9), (1, 0.8), (2, 0.7)];

        var (ranked, copies) = PixelRerank.Apply(PrintOf(Path.Combine(Originals, "029.png")), vectorRanking, id => prints[id]);

        Assert.Equal(vectorRanking, ranked);
        Assert.Empty(copies);
    }

    [Fact]
    public void Mirrored_TwiceIsTheSamePrint_OnceIsNot()
    {
        var print = PrintOf(Path.Combine(Originals, "017.png"));

        var once = PrintViews.Mirrored(print.OnWhite);

        Assert.NotEqual(print.OnWhite.Rgb, once.Rgb);
        Assert.Equal(print.OnWhite.Rgb, PrintViews.Mirrored(once).Rgb);
    }

    private static CopyPrint PrintOf(string path) => PrintOf(File.ReadAllBytes(path));

    /// <summary>Through the thumbnail the catalog keeps, as `dfd similar` sees it.</summary>
    private static CopyPrint PrintOf(byte[] encoded)
    {
        using var stream = new MemoryStream(encoded);
        var facts = new SkiaImageAnalyzer().Analyze(stream, ImageFormat.Unknown, new ImageLimits());
        return PixelPrints.CopyPrintFromThumbnail(facts.Thumbnail) ?? throw new InvalidOperationException("no print");
    }

    private static SKBitmap Mirrored(SKBitmap image, double border)
    {
        var pad = (int)Math.Round(Math.Max(image.Width, image.Height) * border);
        var result = new SKBitmap(new SKImageInfo(image.Width + (2 * pad), image.Height + pad, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.White);
        canvas.Translate(pad, pad);
        canvas.Scale(-1, 1, image.Width / 2f, 0);
        using var source = SKImage.FromBitmap(image);
        canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), null);
        return result;
    }

    private static byte[] Encode(SKBitmap bitmap)
    {
        using (bitmap)
        using (var image = SKImage.FromBitmap(bitmap))
        using (var data = image.Encode(SKEncodedImageFormat.Png, 100))
        {
            return data.ToArray();
        }
    }
}
