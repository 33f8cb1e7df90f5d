using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using SkiaSharp;
using Xunit.Abstractions;

namespace DrawingFromDiffusion.Onnx.Tests.Clip;

/// <summary>
/// Black line art on a transparent canvas (most clip-art PNGs) through the bundled ResNet18 pack: it flattens onto white,
/// where transparent-as-black gave every such drawing one all-black picture and one vector.
/// </summary>
public sealed class ResNetLineArtTests(ITestOutputHelper output) : IDisposable
{
    private readonly OnnxImageEmbedder _embedder = new(
        ModelPack.Load(Path.Combine(AppContext.BaseDirectory, "models", ModelStore.OfflinePackId)),
        new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 2)));

    public void Dispose() => _embedder.Dispose();

    [Fact]
    public void Manifest_OfflinePack_FlattensOntoWhiteAtRevisionOne()
    {
        Assert.Equal(("white", 1), (_embedder.Preprocessor.Spec.Background, _embedder.Preprocessor.Spec.PreprocessRevision));
        Assert.Equal(1, _embedder.Model.PreprocessRevision);
    }

    [Fact]
    public void Embed_TwoTransparentStarPolygons_ClearlyDifferentVectors()
    {
        var five = Embed(_embedder.Preprocessor, Star(5, 2, SKColors.Transparent, SKEncodedImageFormat.Png));
        var seven = Embed(_embedder.Preprocessor, Star(7, 3, SKColors.Transparent, SKEncodedImageFormat.Png));
        var asBlack = new ClipPreprocessor(_embedder.Preprocessor.Spec with { Background = "none" });
        var fiveOnBlack = Embed(asBlack, Star(5, 2, SKColors.Transparent, SKEncodedImageFormat.Png));
        var sevenOnBlack = Embed(asBlack, Star(7, 3, SKColors.Transparent, SKEncodedImageFormat.Png));

        var flattened = VectorMath.Cosine(five, seven);
        var reference = VectorMath.Cosine(fiveOnBlack, sevenOnBlack);
        output.WriteLine($"cosine {{5/2}} vs {{7/3}}: on white {flattened:0.0000}, transparent as black {reference:0.0000}");
        Assert.True(reference > 0.999f, $"transparent as black: {reference}");
        Assert.True(flattened < 0.95f, $"on white: {flattened}");
    }

    [Fact]
    public void Embed_TransparentPngAndSameDrawingOnWhiteJpeg_NearlyTheSameVector()
    {
        var png = Embed(_embedder.Preprocessor, Star(5, 2, SKColors.Transparent, SKEncodedImageFormat.Png));
        var jpeg = Embed(_embedder.Preprocessor, Star(5, 2, SKColors.White, SKEncodedImageFormat.Jpeg));
        var otherStar = Embed(_embedder.Preprocessor, Star(7, 3, SKColors.White, SKEncodedImageFormat.Jpeg));

        var same = VectorMath.Cosine(png, jpeg);
        output.WriteLine($"cosine transparent PNG vs white JPEG: {same:0.0000}; vs another star: {VectorMath.Cosine(png, otherStar):0.0000}");
        Assert.True(same > 0.995f, $"PNG vs JPEG: {same}");
        Assert.True(same > VectorMath.Cosine(png, otherStar), "the same drawing must be nearer than another star");
    }

    private float[] Embed(ClipPreprocessor preprocessor, byte[] encoded)
    {
        using var stream = new MemoryStream(encoded);
        return _embedder.Embed([new ImageTensor(preprocessor.Prepare(stream, long.MaxValue))])[0];
    }

    /// <summary>The star polygon {points/step}: thin black strokes, 400×300 so the resize and the crop both run.</summary>
    private static byte[] Star(int points, int step, SKColor background, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(400, 300, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(background);
            using var pen = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 4, StrokeCap = SKStrokeCap.Round };
            for (var i = 0; i < points; i++)
            {
                canvas.DrawLine(Vertex(points, i * step), Vertex(points, (i + 1) * step), pen);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    private static SKPoint Vertex(int points, int index)
    {
        var angle = (2 * Math.PI * index / points) - (Math.PI / 2);
        return new SKPoint(200 + (130 * (float)Math.Cos(angle)), 150 + (130 * (float)Math.Sin(angle)));
    }
}
