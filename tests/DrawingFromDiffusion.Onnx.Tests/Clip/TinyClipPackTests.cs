using System.Text.Json;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using Xunit.Abstractions;

namespace DrawingFromDiffusion.Onnx.Tests.Clip;

/// <summary>The tiny pack against goldens from the PyTorch forward (models/tools/make_tiny_clip.py).</summary>
public sealed class TinyClipPackTests(ITestOutputHelper output)
{
    private static readonly string _packDir = Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-clip");
    private static readonly string _data = Path.Combine(AppContext.BaseDirectory, "TestData", "Clip");

    [Fact]
    public void EmbedImages_ReferencePngs_MatchPyTorchGoldens()
    {
        var pack = ModelPack.Load(_packDir);
        using var embedder = new OnnxImageEmbedder(pack, new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 2)), batchSize: 4);
        var goldens = Goldens().GetProperty("images").EnumerateArray().ToList();
        var tensors = goldens.Select(g =>
        {
            using var file = File.OpenRead(Path.Combine(_data, g.GetProperty("png").GetString()!));
            return embedder.Prepare(file, long.MaxValue);
        }).ToList();

        var vectors = embedder.Embed(tensors);

        for (var i = 0; i < goldens.Count; i++)
        {
            var golden = goldens[i].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            output.WriteLine($"{goldens[i].GetProperty("png")}: cosine {VectorMath.Cosine(golden, vectors[i]):0.0000000}");
            Assert.True(VectorMath.Cosine(golden, vectors[i]) >= 0.9999f, $"{goldens[i].GetProperty("png")}: cosine {VectorMath.Cosine(golden, vectors[i])}");
        }
    }

    [Fact]
    public void EmbedText_ReferenceStrings_MatchPyTorchGoldens()
    {
        var pack = ModelPack.Load(_packDir);
        using var embedder = new OnnxTextEmbedder(pack, new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 2)));
        var worst = 1f;
        foreach (var g in Goldens().GetProperty("texts").EnumerateArray())
        {
            var golden = g.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            var vector = embedder.Embed(g.GetProperty("text").GetString()!);
            worst = Math.Min(worst, VectorMath.Cosine(golden, vector));
        }

        output.WriteLine($"worst text cosine over {Goldens().GetProperty("texts").GetArrayLength()} strings: {worst:0.0000000}");
        Assert.True(worst >= 0.9999f, $"worst cosine {worst}");
    }

    [Fact]
    public void EmbedText_ShortPrompt_FedOnlyUpToEot()
    {
        var pack = ModelPack.Load(_packDir);
        var full = pack.Manifest with { Text = pack.Manifest.Text! with { DynamicLength = false } };
        using var dynamic = new OnnxTextEmbedder(pack, new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 1)));
        using var padded = new OnnxTextEmbedder(WithManifest(pack, full), new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 1)));

        var a = dynamic.Embed("a watercolor fox in the snow");
        var b = padded.Embed("a watercolor fox in the snow");

        Assert.True(VectorMath.Cosine(a, b) >= 0.99999f);
        Assert.Equal(1f, MathF.Sqrt(a.Sum(x => x * x)), 4);
    }

    [Fact]
    public void Load_ManifestNamesWrongTensor_ErrorNamesTheTensor()
    {
        var pack = ModelPack.Load(_packDir);
        var wrong = pack.Manifest with { Image = pack.Manifest.Image! with { Input = "image" } };

        var ex = Assert.Throws<ModelPackException>(() => new OnnxImageEmbedder(WithManifest(pack, wrong), new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 1))));

        Assert.Contains("'image'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pixel_values", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TinyPack_AllFilesMatchManifest()
    {
        var problems = await ModelPack.Load(_packDir).VerifyAsync(CancellationToken.None);

        Assert.Empty(problems);
    }

    [Fact]
    public void Create_DeviceCudaWithoutLibraries_FailsOrRunsOnGpu()
    {
        var factory = new OnnxSessionFactory(new DeviceOptions("cuda", Threads: 1));
        try
        {
            using var session = factory.Create(Path.Combine(_packDir, "vision_model.onnx"));
            Assert.Equal("cuda:0", factory.ActiveDevice);
        }
        catch (GpuUnavailableException ex)
        {
            Assert.Contains("CUDA", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Create_AutoWithoutCuda_LogsOneLineAndUsesCpu()
    {
        var lines = new List<string>();
        var factory = new OnnxSessionFactory(new DeviceOptions("auto", Threads: 1), lines.Add);

        using var a = factory.Create(Path.Combine(_packDir, "vision_model.onnx"));
        using var b = factory.Create(Path.Combine(_packDir, "text_model.onnx"));

        if (factory.ActiveDevice == "cpu")
        {
            Assert.Single(lines);
            Assert.NotNull(factory.CudaFailure);
        }
        else
        {
            Assert.Empty(lines);
        }
    }

    internal static ModelPack WithManifest(ModelPack pack, ModelManifest manifest)
    {
        var dir = Directory.CreateTempSubdirectory("dfd-pack-").FullName;
        foreach (var file in Directory.GetFiles(pack.Directory))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(dir, ModelPack.ManifestName), manifest.ToJson());
        return ModelPack.Load(dir);
    }

    private static JsonElement Goldens()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_packDir, "goldens.json")));
        return doc.RootElement.Clone();
    }
}
