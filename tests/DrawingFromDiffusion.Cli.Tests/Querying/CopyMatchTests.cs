using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Similar;
using DrawingFromDiffusion.Onnx.Imaging;
using SkiaSharp;

namespace DrawingFromDiffusion.Cli.Tests.Querying;

/// <summary>
/// The copy check's second view (one background, plain borders trimmed, grey when one is): a transparent clip-art heart
/// from openclipart-png and its look-alike sibling (TestData/Similar), copies of the heart made here the way users
/// alter pictures, and a vector ranking that puts the sibling first.
/// </summary>
public sealed class CopyMatchTests
{
    private static readonly string Similar = Path.Combine(AppContext.BaseDirectory, "TestData", "Similar");

    [Fact]
    public void Apply_CopiesOnAColourABroadBorderOrInGrey_MoveAheadOfTheLookAlike()
    {
        using var heart = SKBitmap.Decode(Path.Combine(Similar, "heart.png"));
        var prints = new Dictionary<long, CopyPrint>
        {
            [1] = PrintOf(File.ReadAllBytes(Path.Combine(Similar, "heart-shiny.png"))),
            [2] = PrintOf(Encode(Placed(heart, new SKColor(40, 120, 200), border: 0.2), SKEncodedImageFormat.Jpeg)),
            [3] = PrintOf(Encode(Placed(heart, SKColors.White, border: 0.35), SKEncodedImageFormat.Png)),
            [4] = PrintOf(Encode(Grey(heart), SKEncodedImageFormat.Png)),
        };
        List<(long Id, double Similarity)> vectorRanking = [(1, 0.95), (2, 0.80), (3, 0.78), (4, 0.70)];

        var (ranked, copies) = PixelRerank.Apply(PrintOf(File.ReadAllBytes(Path.Combine(Similar, "heart.png"))), vectorRanking, id => prints[id]);

        // The sibling passes the dupes tier's bar too (look-alikes correlate 0.88–0.97, see VisualRule.SureCorrelation),
        // but every copy matches more closely and goes ahead of it.
        Assert.Equal([2L, 3L, 4L], ranked.Take(3).Select(r => r.Id).Order());
        Assert.Equal(1L, ranked[3].Id);
        Assert.All([2L, 3L, 4L], id => Assert.True(!copies.ContainsKey(1L) || CopyScore.Compare(copies[id], copies[1L]) < 0));
    }

    [Fact]
    public void Score_TheCopiesOnAColourOrABroadBorder_FailTheFirstViewAlone()
    {
        // What the second view adds: on white and untrimmed these copies are not found.
        using var heart = SKBitmap.Decode(Path.Combine(Similar, "heart.png"));
        var query = PrintOf(File.ReadAllBytes(Path.Combine(Similar, "heart.png")));
        var onColour = PrintOf(Encode(Placed(heart, new SKColor(40, 120, 200), border: 0.2), SKEncodedImageFormat.Jpeg));
        var bordered = PrintOf(Encode(Placed(heart, SKColors.White, border: 0.35), SKEncodedImageFormat.Png));

        Assert.Null(CopyMatch.Match(query.OnWhite, query.MirroredOnWhite, onColour.OnWhite));
        Assert.Null(CopyMatch.Match(query.OnWhite, query.MirroredOnWhite, bordered.OnWhite));
        Assert.NotNull(CopyMatch.Score(query, onColour));
        Assert.NotNull(CopyMatch.Score(query, bordered));
    }

    [Fact]
    public void Score_TheLookAlikeOnTheSameColourAndBorder_MatchesLessThanTheCopy()
    {
        using var heart = SKBitmap.Decode(Path.Combine(Similar, "heart.png"));
        using var sibling = SKBitmap.Decode(Path.Combine(Similar, "heart-shiny.png"));
        var query = PrintOf(File.ReadAllBytes(Path.Combine(Similar, "heart.png")));
        var colour = new SKColor(40, 120, 200);

        var copy = CopyMatch.Score(query, PrintOf(Encode(Placed(heart, colour, border: 0.2), SKEncodedImageFormat.Jpeg)));
        var lookAlike = CopyMatch.Score(query, PrintOf(Encode(Placed(sibling, colour, border: 0.2), SKEncodedImageFormat.Jpeg)));

        Assert.NotNull(copy);
        Assert.True(lookAlike is null || CopyScore.Compare(copy.Value, lookAlike.Value) < 0, $"copy {copy}, look-alike {lookAlike}");
    }

    [Fact]
    public void Trimmed_ACanvasWithAPlainBorder_KeepsThePictureOnly()
    {
        var rgb = new byte[40 * 30 * 3];
        Array.Fill(rgb, (byte)200);
        for (var y = 5; y < 25; y++)
        {
            for (var x = 10; x < 22; x++)
            {
                rgb[((y * 40) + x) * 3] = 10;
            }
        }

        var trimmed = PrintViews.Trimmed(new PixelPrint(40, 30, rgb));

        Assert.Equal((12, 20), (trimmed.Width, trimmed.Height));
        Assert.All(Enumerable.Range(0, trimmed.Width * trimmed.Height), i => Assert.Equal(10, trimmed.Rgb[i * 3]));
    }

    [Fact]
    public void Trimmed_APictureThatFillsTheFrame_IsLeftAsItIs()
    {
        var rgb = Enumerable.Range(0, 30 * 30 * 3).Select(i => (byte)(i * 7 % 256)).ToArray();
        var print = new PixelPrint(30, 30, rgb);

        Assert.Null(PrintViews.PlainBorder(print));
        Assert.Same(print, PrintViews.Trimmed(print));
    }

    [Fact]
    public void IsGrey_TheGreyCopyIs_TheRedHeartIsNot()
    {
        var heart = PrintOf(File.ReadAllBytes(Path.Combine(Similar, "heart.png")));

        Assert.False(PrintViews.IsGrey(heart.OnWhite));
        Assert.True(PrintViews.IsGrey(PrintViews.Grey(heart.OnWhite)));
    }

    /// <summary>Through the thumbnail the catalog keeps, as `dfd similar` sees it.</summary>
    private static CopyPrint PrintOf(byte[] encoded)
    {
        using var stream = new MemoryStream(encoded);
        var facts = new SkiaImageAnalyzer().Analyze(stream, ImageFormat.Unknown, new ImageLimits());
        return PixelPrints.CopyPrintFromThumbnail(facts.Thumbnail) ?? throw new InvalidOperationException("no print");
    }

    /// <summary>The picture on a canvas <paramref name="border"/> larger each way, flattened onto <paramref name="colour"/>, placed off centre.</summary>
    private static SKBitmap Placed(SKBitmap image, SKColor colour, double border)
    {
        var width = (int)Math.Round(image.Width * (1 + border));
        var height = (int)Math.Round(image.Height * (1 + border));
        var result = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        canvas.Clear(colour);
        canvas.Translate((width - image.Width) / 3f, (height - image.Height) * 2 / 3f);
        using var source = SKImage.FromBitmap(image);
        canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), null);
        return result;
    }

    private static SKBitmap Grey(SKBitmap image)
    {
        var result = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.Transparent);
        using var filter = SKColorFilter.CreateColorMatrix([0.299f, 0.587f, 0.114f, 0, 0, 0.299f, 0.587f, 0.114f, 0, 0, 0.299f, 0.587f, 0.114f, 0, 0, 0, 0, 0, 1, 0]);
        using var paint = new SKPaint { ColorFilter = filter };
        using var source = SKImage.FromBitmap(image);
        canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), paint);
        return result;
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using (bitmap)
        using (var image = SKImage.FromBitmap(bitmap))
        using (var data = image.Encode(format, 85))
        {
            return data.ToArray();
        }
    }
}
