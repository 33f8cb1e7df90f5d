using System.IO.Compression;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Text;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;

namespace DrawingFromDiffusion.Onnx.Tests.Models;

public sealed class PackImporterTests
{
    internal static readonly string TinyPack = Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-clip");
    private static readonly string _data = Path.Combine(AppContext.BaseDirectory, "TestData", "Clip");

    [Fact]
    public async Task AddAsync_XenovaLayout_DetectedAndEmbedsLikeTheSourcePack()
    {
        var source = MakeXenovaLayout();
        var store = new ModelStore(Directory.CreateTempSubdirectory("dfd-store-").FullName, bundledRoot: "/nonexistent");

        var pack = await store.AddAsync(source, "xenova-tiny", replace: false, CancellationToken.None);

        Assert.Equal("floor", pack.Manifest.Image!.CropRounding);
        Assert.Equal(49407, pack.Manifest.Text!.PadId);
        Assert.Empty(await pack.VerifyAsync(CancellationToken.None));
        var sessions = new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 1));
        using var imported = new OnnxImageEmbedder(pack, sessions);
        using var original = new OnnxImageEmbedder(ModelPack.Load(TinyPack), sessions);
        var png = Path.Combine(_data, "preprocess-gradient_300x200_rgb.png");
        using var a = File.OpenRead(png);
        using var b = File.OpenRead(png);
        var va = imported.Embed([imported.Prepare(a, long.MaxValue)])[0];
        var vb = original.Embed([original.Prepare(b, long.MaxValue)])[0];
        Assert.True(VectorMath.Cosine(va, vb) >= 0.9999f);
        using var text = new OnnxTextEmbedder(pack, sessions);
        Assert.Equal(ClipTextCleaning.HuggingFace, Assert.IsType<ClipTokenizer>(text.Tokenizer).Cleaning);
        Assert.Equal(32, text.Embed("a cat").Length);
    }

    [Fact]
    public async Task AddAsync_ModelJsonPackWithInt8TowerBeside_InstalledVerifiedAndSelectable()
    {
        var dir = Directory.CreateTempSubdirectory("dfd-int8-").FullName;
        foreach (var file in Directory.GetFiles(TinyPack))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        // A stand-in with the same tensors: this checks the plumbing, quantize_int8.py and the benchmark check the numbers.
        File.Copy(Path.Combine(TinyPack, "text_model.onnx"), Path.Combine(dir, "text_model.int8.onnx"));
        var store = new ModelStore(Directory.CreateTempSubdirectory("dfd-store-").FullName, bundledRoot: "/nonexistent");
        var plain = ModelPack.Load(TinyPack);

        var pack = await store.AddAsync(dir, "tiny-int8", replace: false, CancellationToken.None);

        Assert.Equal("text_model.int8.onnx", pack.Manifest.Text!.Int8File);
        Assert.Contains("text_model.int8.onnx", pack.Manifest.Files.Keys);
        Assert.Empty(await pack.VerifyAsync(CancellationToken.None));
        var sessions = new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 1));
        using var int8 = new OnnxTextEmbedder(pack, sessions, TextPrecision.Int8);
        Assert.Equal(32, int8.Embed("a cat").Length);
        var missing = Assert.Throws<ModelPackException>(() => new OnnxTextEmbedder(plain, sessions, TextPrecision.Int8));
        Assert.Contains("int8", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAsync_ImmichLayoutWithOtherTensorNames_ErrorNamesTheTensor()
    {
        var dir = Directory.CreateTempSubdirectory("dfd-immich-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "visual"));
        File.Copy(Path.Combine(TinyPack, "vision_model.onnx"), Path.Combine(dir, "visual", "model.onnx"));
        File.WriteAllText(Path.Combine(dir, "config.json"), """{"embed_dim": 32, "text_cfg": {"context_length": 77}}""");
        var store = new ModelStore(Directory.CreateTempSubdirectory("dfd-store-").FullName, bundledRoot: "/nonexistent");

        var pack = await store.AddAsync(dir, null, replace: false, CancellationToken.None);
        var ex = Assert.Throws<ModelPackException>(() => new OnnxImageEmbedder(pack, new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 1))));

        Assert.Equal("immich", PackImporter.Import(dir).Layout);
        Assert.Equal("immich", pack.Manifest.Image!.SizeRounding);
        Assert.Contains("'image'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_UnknownFolder_SaysWhatWasExpected()
    {
        var dir = Directory.CreateTempSubdirectory("dfd-empty-").FullName;

        var ex = Assert.Throws<ModelPackException>(() => PackImporter.Import(dir));

        Assert.Contains("onnx/vision_model.onnx", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The tiny pack's files arranged as a transformers.js export.</summary>
    internal static string MakeXenovaLayout()
    {
        var dir = Directory.CreateTempSubdirectory("dfd-xenova-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "onnx"));
        File.Copy(Path.Combine(TinyPack, "vision_model.onnx"), Path.Combine(dir, "onnx", "vision_model.onnx"));
        File.Copy(Path.Combine(TinyPack, "text_model.onnx"), Path.Combine(dir, "onnx", "text_model.onnx"));
        using (var gz = new GZipStream(File.OpenRead(Path.Combine(TinyPack, "bpe_simple_vocab_16e6.txt.gz")), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        using (var merges = new StreamWriter(Path.Combine(dir, "merges.txt")))
        {
            reader.ReadLine();
            merges.Write("#version: 0.2\n");
            for (var i = 0; i < 48894; i++)
            {
                merges.Write(reader.ReadLine() + "\n");
            }
        }

        File.WriteAllText(Path.Combine(dir, "preprocessor_config.json"), """{"crop_size": 224, "do_center_crop": true, "do_normalize": true, "do_resize": true, "image_mean": [0.48145466, 0.4578275, 0.40821073], "image_std": [0.26862954, 0.26130258, 0.27577711], "resample": 3, "size": 224}""");
        File.WriteAllText(Path.Combine(dir, "config.json"), """{"projection_dim": 32}""");
        return dir;
    }
}
