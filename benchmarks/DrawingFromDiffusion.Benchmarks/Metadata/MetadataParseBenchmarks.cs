using BenchmarkDotNet.Attributes;
using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Core.Metadata.Parsers;

namespace DrawingFromDiffusion.Benchmarks.Metadata;

/// <summary>
/// Metadata parse throughput over the shared samples (tests/…Core.Tests/TestData/Metadata): files already in memory,
/// container walk + detection + parse, no pixel decoding (stealth off). files/s = SampleCount / mean.
/// </summary>
[MemoryDiagnoser]
public class MetadataParseBenchmarks
{
    private byte[][] _files = [];
    private string _infotext = "";
    private string _comfyGraph = "";
    private readonly MetadataReader _reader = new();

    public int SampleCount => _files.Length;

    [GlobalSetup]
    public void Setup()
    {
        var folder = SampleFolder();
        _files = Directory.GetFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".png", StringComparison.Ordinal) || f.EndsWith(".jpg", StringComparison.Ordinal) || f.EndsWith(".jpeg", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToArray();
        _infotext = "general, masterpiece, best quality, amazing quality, \n1girl, solo, hatsune miku, <lora:detail:0.6>\nNegative prompt: bad quality, worst quality\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 3782896554, Size: 1024x1024, Model hash: 45a21ea00a, Model: waiIllustriousSDXL_v160, Lora hashes: \"detail: 45b5bd0819cf\", Version: v1.10.1";
        _comfyGraph = """{"3":{"inputs":{"seed":851616030078638,"steps":20,"cfg":8.0,"sampler_name":"euler","scheduler":"normal","denoise":1.0,"model":["10",0],"positive":["6",0],"negative":["7",0],"latent_image":["5",0]},"class_type":"KSampler"},"4":{"inputs":{"ckpt_name":"v1-5-pruned-emaonly.ckpt"},"class_type":"CheckpointLoaderSimple"},"5":{"inputs":{"width":512,"height":512,"batch_size":1},"class_type":"EmptyLatentImage"},"6":{"inputs":{"text":"masterpiece best quality girl","clip":["10",1]},"class_type":"CLIPTextEncode"},"7":{"inputs":{"text":"bad hands","clip":["10",1]},"class_type":"CLIPTextEncode"},"8":{"inputs":{"samples":["3",0],"vae":["4",2]},"class_type":"VAEDecode"},"9":{"inputs":{"filename_prefix":"ComfyUI","images":["8",0]},"class_type":"SaveImage"},"10":{"inputs":{"lora_name":"epiNoiseoffset_v2.safetensors","strength_model":1.0,"strength_clip":1.0,"model":["4",0],"clip":["4",1]},"class_type":"LoraLoader"}}""";
        Console.WriteLine($"// {_files.Length} sample files, {_files.Sum(f => f.Length) / 1024} KiB in all");
    }

    /// <summary>All shared samples, one after another: mean / SampleCount = time per file.</summary>
    [Benchmark]
    public int ReadAllSamples()
    {
        var parsed = 0;
        foreach (var file in _files)
        {
            parsed += _reader.Read(file).Status == ParseStatus.Parsed ? 1 : 0;
        }

        return parsed;
    }

    [Benchmark]
    public GenerationMetadata? ParseA1111Text() => A1111Parser.ParseText(_infotext, strict: false).Metadata;

    [Benchmark]
    public GenerationMetadata? ParseComfyGraph() => ComfyUiParser.ParseGraphs(_comfyGraph, null, "comfyui").Metadata;

    private static string SampleFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DrawingFromDiffusion.sln")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? throw new DirectoryNotFoundException("run from inside the repository: the samples are in tests/DrawingFromDiffusion.Core.Tests/TestData/Metadata")
            : Path.Combine(directory.FullName, "tests", "DrawingFromDiffusion.Core.Tests", "TestData", "Metadata");
    }
}
