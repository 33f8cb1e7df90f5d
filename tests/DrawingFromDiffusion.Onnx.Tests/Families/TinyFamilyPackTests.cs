using System.Text.Json;
using DrawingFromDiffusion.Core.Text;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using Xunit.Abstractions;

namespace DrawingFromDiffusion.Onnx.Tests.Families;

/// <summary>
/// The tiny SigLIP, SigLIP 2, NLLB-CLIP and M-CLIP packs, imported unchanged from their Immich-layout folders,
/// against the PyTorch forward (models/tools/make_tiny_families.py): token ids equal, vectors within 1e-4.
/// </summary>
public sealed class TinyFamilyPackTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;
    private static readonly string _families = Path.Combine(AppContext.BaseDirectory, "TestData", "Families");
    private static readonly string _images = Path.Combine(AppContext.BaseDirectory, "TestData", "Clip");

    public static TheoryData<string> Packs() => ["tiny-siglip", "tiny-siglip2", "tiny-nllb-siglip", "tiny-xlmr-clip"];

    [Theory]
    [MemberData(nameof(Packs))]
    public async Task Import_ImmichFolder_RecognisesFamilyRules(string name)
    {
        var pack = await Install(name);
        var image = pack.Manifest.Image!;
        var text = pack.Manifest.Text!;
        var goldens = Goldens(name);

        Assert.Equal("sentencepiece", text.Tokenizer.Kind);
        Assert.Equal(goldens.GetProperty("family").GetString(), text.Tokenizer.Family);
        Assert.Equal(name == "tiny-xlmr-clip" ? 40 : 48, pack.Manifest.EmbeddingSize);
        if (name == "tiny-xlmr-clip")
        {
            Assert.Equal(("shortest", 48, "attention_mask", 77), (image.Resize, image.Size, text.AttentionMask, text.ContextLength));
        }
        else
        {
            Assert.Equal(("squash", 64, 0.5f, 0.5f, 64), (image.Resize, image.Size, image.Mean[0], image.Std[2], text.ContextLength));
        }

        Assert.Empty(await pack.VerifyAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public async Task EmbedImages_ReferencePngs_WithinToleranceOfPyTorch(string name)
    {
        var pack = await Install(name);
        using var embedder = new OnnxImageEmbedder(pack, new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 1)), batchSize: 2);
        var worst = 0f;
        foreach (var g in Goldens(name).GetProperty("images").EnumerateArray())
        {
            using var file = File.OpenRead(Path.Combine(_images, g.GetProperty("png").GetString()!));
            var vector = embedder.Embed([embedder.Prepare(file, long.MaxValue)])[0];
            worst = Math.Max(worst, MaxAbsDiff(Normalized(g.GetProperty("embedding")), vector));
        }

        output.WriteLine($"{name}: image max abs diff {worst:E2}");
        Assert.True(worst <= Tolerance, $"{name}: image max abs diff {worst}");
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public async Task EmbedText_ScriptsQueries_ReferenceIdsAndWithinToleranceOfPyTorch(string name)
    {
        var pack = await Install(name);
        using var embedder = new OnnxTextEmbedder(pack, new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 1)));
        var tokenizer = Assert.IsType<SentencePieceTextTokenizer>(embedder.Tokenizer);
        var spec = pack.Manifest.Text!;
        var worst = 0f;
        foreach (var g in Goldens(name).GetProperty("texts").EnumerateArray())
        {
            var text = g.GetProperty("text").GetString()!;
            var language = g.TryGetProperty("language", out var l) ? l.GetString() : null;
            var ids = g.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();

            Assert.Equal(ids, tokenizer.Tokenize(text, spec.ContextLength, spec.PadId, language).Ids);
            worst = Math.Max(worst, MaxAbsDiff(Normalized(g.GetProperty("embedding")), embedder.Embed(text, language)));
        }

        output.WriteLine($"{name}: text max abs diff {worst:E2}");
        Assert.True(worst <= Tolerance, $"{name}: text max abs diff {worst}");
    }

    [Theory]
    [InlineData("tiny-siglip-hf", "tiny-siglip", "siglip", 1)]
    [InlineData("tiny-siglip2-hf", "tiny-siglip2", "siglip2", 0)]
    public async Task Import_HuggingFaceSiglipExport_SameVectorsAsTheImmichFolder(string name, string immich, string family, int padId)
    {
        var pack = await Install(name);
        var sessions = new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 1));
        using var images = new OnnxImageEmbedder(pack, sessions);
        using var texts = new OnnxTextEmbedder(pack, sessions);
        var goldens = Goldens(immich);
        var worst = 0f;

        Assert.Equal(family, pack.Manifest.Text!.Tokenizer.Family);
        Assert.Equal(("squash", 64, 48, 64, padId), (pack.Manifest.Image!.Resize, pack.Manifest.Image.Size, pack.Manifest.EmbeddingSize, pack.Manifest.Text!.ContextLength, pack.Manifest.Text.PadId));
        Assert.False(pack.Manifest.Text.DynamicLength);
        foreach (var g in goldens.GetProperty("images").EnumerateArray())
        {
            using var file = File.OpenRead(Path.Combine(_images, g.GetProperty("png").GetString()!));
            worst = Math.Max(worst, MaxAbsDiff(Normalized(g.GetProperty("embedding")), images.Embed([images.Prepare(file, long.MaxValue)])[0]));
        }

        foreach (var g in goldens.GetProperty("texts").EnumerateArray())
        {
            worst = Math.Max(worst, MaxAbsDiff(Normalized(g.GetProperty("embedding")), texts.Embed(g.GetProperty("text").GetString()!)));
        }

        output.WriteLine($"{name}: max abs diff {worst:E2}");
        Assert.True(worst <= Tolerance, $"max abs diff {worst}");
    }

    [Fact]
    public async Task Import_Siglip2FolderWithTokenizerModelBesideTheJson_ReadsTheModelAndGivesTheSameIds()
    {
        var folder = Directory.CreateTempSubdirectory("dfd-siglip2-model-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(_families, "tiny-siglip2"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(Path.Combine(_families, "tiny-siglip2"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "SentencePiece", "siglip2.model"), Path.Combine(folder, "textual", "tokenizer.model"));
        var store = new ModelStore(Directory.CreateTempSubdirectory("dfd-families-").FullName, bundledRoot: "/nonexistent");
        var withModel = await store.AddAsync(folder, "siglip2-model", replace: false, CancellationToken.None);
        var withJson = await Install("tiny-siglip2");
        var fromModel = SentencePieceTokenizers.Load(withModel, withModel.Manifest.Text!.Tokenizer);
        var fromJson = SentencePieceTokenizers.Load(withJson, withJson.Manifest.Text!.Tokenizer);

        Assert.Equal(("textual/tokenizer.model", null), (withModel.Manifest.Text.Tokenizer.Model, withModel.Manifest.Text.Tokenizer.TokenizerJson));
        Assert.Equal((null, "textual/tokenizer.json"), (withJson.Manifest.Text!.Tokenizer.Model, withJson.Manifest.Text.Tokenizer.TokenizerJson));
        foreach (var g in Goldens("tiny-siglip2").GetProperty("texts").EnumerateArray())
        {
            var text = g.GetProperty("text").GetString()!;
            Assert.Equal(fromModel.Tokenize(text, 64, 0).Ids, fromJson.Tokenize(text, 64, 0).Ids);
        }
    }

    internal static async Task<ModelPack> Install(string name)
    {
        var store = new ModelStore(Directory.CreateTempSubdirectory("dfd-families-").FullName, bundledRoot: "/nonexistent");
        return await store.AddAsync(Path.Combine(_families, name), name, replace: false, CancellationToken.None);
    }

    internal static JsonElement Goldens(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_families, name, "goldens.json")));
        return doc.RootElement.Clone();
    }

    private static float[] Normalized(JsonElement embedding)
    {
        var v = embedding.EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static float MaxAbsDiff(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => MathF.Abs(x - y)).Max();
    }
}
