using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Tests.Shared;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Tests.Imaging;

/// <summary>
/// One decode per new image: with a model, the scan's analyzer also makes the model's input from its own decode. The
/// catalog's facts must not change with it, and the input must be exactly what the embedding pass makes from the file.
/// </summary>
public sealed class SharedDecodeTests : IDisposable
{
    private static readonly string _tinyClip = Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-clip");
    private static readonly string _resnet = Path.Combine(AppContext.BaseDirectory, "models", ModelStore.OfflinePackId);
    private readonly OnnxImageEmbedder _embedder = new(ModelPack.Load(_tinyClip), new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 2)));

    public void Dispose() => _embedder.Dispose();

    public static TheoryData<string> Images() => [.. Inputs().Keys];

    [Theory]
    [MemberData(nameof(Images))]
    public void Analyze_WithModel_SameCatalogFactsAsWithout(string name)
    {
        var bytes = Inputs()[name];
        foreach (var preprocessor in Preprocessors())
        {
            var plain = Analyze(new SkiaImageAnalyzer(), bytes);
            var shared = Analyze(new SkiaImageAnalyzer(preprocessor), bytes);

            Assert.Null(plain.ModelInput);
            Assert.Equal((plain.Format, plain.Width, plain.Height, plain.PHash, plain.DHash), (shared.Format, shared.Width, shared.Height, shared.PHash, shared.DHash));
            Assert.Equal(plain.Thumbnail, shared.Thumbnail);
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Analyze_WithModel_InputEqualsTheEmbeddingPassInput(string name)
    {
        var bytes = Inputs()[name];
        foreach (var preprocessor in Preprocessors())
        {
            var shared = Analyze(new SkiaImageAnalyzer(preprocessor), bytes);
            var catchUp = preprocessor.Prepare(new MemoryStream(bytes, writable: false), long.MaxValue);

            Assert.NotNull(shared.ModelInput);
            Assert.Equal(catchUp, shared.ModelInput.Data);
        }
    }

    [Fact]
    public void Embed_SharedInputs_SameVectorsAsTheEmbeddingPass()
    {
        var inputs = Inputs().Values.ToList();
        var analyzer = new SkiaImageAnalyzer(_embedder.Preprocessor);

        var shared = _embedder.Embed(inputs.Select(b => Analyze(analyzer, b).ModelInput!).ToList());
        var catchUp = _embedder.Embed(inputs.Select(b => _embedder.Prepare(new MemoryStream(b, writable: false), long.MaxValue)).ToList());

        Assert.Equal(inputs.Count, shared.Length);
        for (var i = 0; i < inputs.Count; i++)
        {
            Assert.True(VectorMath.Cosine(shared[i], catchUp[i]) > 0.99999f, $"image {i}");
            Assert.All(shared[i].Zip(catchUp[i]), p => Assert.Equal(p.First, p.Second, 1e-6f));
        }
    }

    [Fact]
    public void Analyze_WithModelTruncatedPng_RejectedAsWithoutAndNoInput()
    {
        var png = TestImages.Png(300, 200, seed: 4);
        var truncated = png[..(png.Length / 2)];

        var plain = Assert.Throws<ImageRejectedException>(() => Analyze(new SkiaImageAnalyzer(), truncated));
        var shared = Assert.Throws<ImageRejectedException>(() => Analyze(new SkiaImageAnalyzer(_embedder.Preprocessor), truncated));

        Assert.Equal(plain.Message, shared.Message);
    }

    private static ImageFacts Analyze(SkiaImageAnalyzer analyzer, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
        return analyzer.Analyze(stream, ImageFormat.Unknown, new ImageLimits());
    }

    private IEnumerable<ClipPreprocessor> Preprocessors()
    {
        // OpenAI order (resize with alpha, premultiplied, in place), and flattening onto white before the resize.
        yield return _embedder.Preprocessor;
        yield return new ClipPreprocessor(ModelPack.Load(_resnet).Manifest.Image!);
    }

    private static Dictionary<string, byte[]> Inputs() => new()
    {
        ["translucent-png"] = Translucent(700, 560, SKEncodedImageFormat.Png),
        ["translucent-webp"] = Translucent(520, 610, SKEncodedImageFormat.Webp),
        ["small-png"] = TestImages.Png(120, 90, seed: 1),
        ["palette-png"] = TestImages.PngPaletteWithTransparency(300, 260),
        ["png-16-bit"] = TestImages.Png16Bit(280, 300),
        // 640×520: the catalog decodes at 1/2, the model at full size (two scales). 1200×1000: both at 1/2.
        ["jpeg-two-scales"] = TestImages.Jpeg(640, 520, seed: 2),
        ["jpeg-one-scale"] = TestImages.Jpeg(1200, 1000, seed: 3),
        ["jpeg-rotated"] = TestImages.JpegWithOrientation(1000, 900, seed: 5, orientation: 6),
        ["cmyk-jpeg"] = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "cmyk.jpg")),
        ["animated-gif"] = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "animated.gif")),
    };

    /// <summary>Shapes of every opacity on a transparent canvas: where premultiplying loses precision.</summary>
    private static byte[] Translucent(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(SKColors.Transparent);
        using (var canvas = new SKCanvas(bitmap))
        {
            var random = new Random(11);
            using var paint = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 40; i++)
            {
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(1, 256));
                canvas.DrawCircle(random.Next(width), random.Next(height), 5 + random.Next(Math.Min(width, height) / 3), paint);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 100) ?? throw new InvalidOperationException($"SkiaSharp cannot encode {format}");
        return data.ToArray();
    }
}
