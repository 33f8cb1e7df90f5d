using System.Diagnostics;
using System.Text.Json;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Text;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Models;
using Microsoft.ML.OnnxRuntime;

namespace DrawingFromDiffusion.Benchmarks.Embedding;

/// <summary>
/// Text-tower latency per session configuration (fp32 graph levels, threads, spinning, prepacking, a saved
/// optimised model, int8), measured round-robin so that load on a shared machine hits every variant alike,
/// and the int8 tower's agreement with fp32 (cosine) over the tokenizer reference strings and a prompt set.
/// Each call's process CPU time is kept beside its wall time: on a loaded machine it shows the work a variant needs.
///   text-latency PACK_DIR INT8_ONNX|- [TOKENIZER_VECTORS_JSON] [rounds]   (- leaves the int8 variants out)
/// </summary>
public static class TextLatency
{
    private static readonly string[] _prompts =
    [
        "a watercolor painting of a red fox in the snow, highly detailed",
        "portrait of an old fisherman with a pipe, dramatic lighting, oil on canvas, trending on artstation",
        "cyberpunk city street at night, neon signs, rain, reflections, cinematic, 8k",
        "a cute corgi astronaut floating in space, digital art",
        "masterpiece, best quality, 1girl, solo, long hair, looking at viewer, smile, outdoors, cherry blossoms",
        "isometric low poly island with a lighthouse, pastel colors, blender render",
        "a bowl of ramen, studio photo, shallow depth of field",
        "ancient temple ruins overgrown with vines, volumetric light, matte painting",
    ];

    public static int Run(string[] args)
    {
        var pack = ModelPack.Load(args[0]);
        var int8Path = args[1] == "-" ? null : Path.GetFullPath(args[1]);
        var referencePath = args.Length > 2 ? args[2] : "tests/DrawingFromDiffusion.Core.Tests/TestData/Clip/tokenizer-vectors.json";
        var rounds = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 60;
        var spec = pack.Manifest.Text ?? throw new InvalidOperationException("the pack has no text tower");
        var fp32Path = pack.PathOf(spec.File);
        var tokenizer = OnnxTextEmbedder.LoadTokenizer(pack, spec.Tokenizer);
        Console.WriteLine($"pack {pack.Id}, ORT {Onnx.Execution.OnnxSessionFactory.OrtVersion}, {Environment.ProcessorCount} cores, {rounds} rounds round-robin");

        var optimizedPath = Path.Combine(Path.GetTempPath(), $"dfd-{pack.Id}-text.optimized.onnx");
        var variants = new List<Variant>();
        Variant Add(string name, string path, GraphOptimizationLevel level, int threads, bool spin, bool prepack = true, string? save = null, (string Key, string Value)[]? entries = null)
        {
            var clock = Stopwatch.StartNew();
            var so = new SessionOptions { GraphOptimizationLevel = level, IntraOpNumThreads = threads, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
            so.AddSessionConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
            so.AddSessionConfigEntry("session.disable_prepacking", prepack ? "0" : "1");
            foreach (var (key, value) in entries ?? [])
            {
                so.AddSessionConfigEntry(key, value);
            }
            if (save is not null)
            {
                so.OptimizedModelFilePath = save;
            }

            var v = new Variant(name, new InferenceSession(path, so), spec.Input, spec.Output!, clock.Elapsed.TotalMilliseconds);
            variants.Add(v);
            return v;
        }

        var basic = Add("fp32 basic, 2 thr", fp32Path, GraphOptimizationLevel.ORT_ENABLE_BASIC, 2, spin: false);
        var all = Add("fp32 all, 2 thr (dfd default)", fp32Path, GraphOptimizationLevel.ORT_ENABLE_ALL, 2, spin: false, save: optimizedPath);
        Add("fp32 all, 2 thr, spinning", fp32Path, GraphOptimizationLevel.ORT_ENABLE_ALL, 2, spin: true);
        Add("fp32 all, 1 thr", fp32Path, GraphOptimizationLevel.ORT_ENABLE_ALL, 1, spin: false);
        Add("fp32 all, 2 thr, no prepacking", fp32Path, GraphOptimizationLevel.ORT_ENABLE_ALL, 2, spin: false, prepack: false);
        Add("fp32 saved optimised model, 2 thr", optimizedPath, GraphOptimizationLevel.ORT_DISABLE_ALL, 2, spin: false);
        Add("fp32 extended, 2 thr", fp32Path, GraphOptimizationLevel.ORT_ENABLE_EXTENDED, 2, spin: false);
        Add("fp32 all, 2 thr, denormals as zero", fp32Path, GraphOptimizationLevel.ORT_ENABLE_ALL, 2, spin: false, entries: [("session.set_denormal_as_zero", "1")]);
        Add("fp32 all, 2 thr, dynamic block base 4", fp32Path, GraphOptimizationLevel.ORT_ENABLE_ALL, 2, spin: false, entries: [("session.dynamic_block_base", "4")]);
        Add("fp32 all, 2 thr, spinning, dynamic block base 4", fp32Path, GraphOptimizationLevel.ORT_ENABLE_ALL, 2, spin: true, entries: [("session.dynamic_block_base", "4")]);
        var int8 = int8Path is null ? null : Add("int8 all, 2 thr", int8Path, GraphOptimizationLevel.ORT_ENABLE_ALL, 2, spin: false);
        if (int8Path is not null)
        {
            Add("int8 all, 2 thr, spinning", int8Path, GraphOptimizationLevel.ORT_ENABLE_ALL, 2, spin: true);
            Add("int8 all, 1 thr", int8Path, GraphOptimizationLevel.ORT_ENABLE_ALL, 1, spin: false);
            Add("int8 basic, 2 thr", int8Path, GraphOptimizationLevel.ORT_ENABLE_BASIC, 2, spin: false);
        }

        var tokens = _prompts.Select(p => tokenizer.Tokenize(p, spec.ContextLength, spec.PadId)).ToArray();
        foreach (var v in variants)
        {
            for (var i = 0; i < 3; i++)
            {
                v.Embed(tokens[0]);
            }
        }

        // Round-robin: every variant sees the same mix of machine load.
        for (var r = 0; r < rounds; r++)
        {
            foreach (var v in variants)
            {
                var t = tokens[r % tokens.Length];
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                v.Embed(t);
                v.Times.Add(clock.Elapsed.TotalMilliseconds);
                v.CpuTimes.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            }
        }

        var reference = all.Times.Order().ElementAt(all.Times.Count / 2);
        Console.WriteLine($"prompts: {string.Join(", ", tokens.Select(t => t.Length))} tokens (mean {tokens.Average(t => t.Length):0.0})");
        var referenceCpu = all.CpuTimes.Order().ElementAt(all.CpuTimes.Count / 2);
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine("| variant | session create ms | p50 ms | p90 ms | vs fp32 all | CPU ms p50 | CPU vs fp32 all |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var v in variants)
        {
            var sorted = v.Times.Order().ToArray();
            var p50 = sorted[sorted.Length / 2];
            var cpu50 = v.CpuTimes.Order().ElementAt(v.CpuTimes.Count / 2);
            Console.WriteLine($"| {v.Name} | {v.CreateMs:0} | {p50:0.0} | {sorted[sorted.Length * 9 / 10]:0.0} | {p50 / reference:0.00}× | {cpu50:0.0} | {cpu50 / referenceCpu:0.00}× |");
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(referencePath));
        var references = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("text").GetString()!).ToArray();
        if (int8 is not null)
        {
            Agreement("int8 vs fp32, tokenizer reference strings", references, tokenizer, spec, all, int8);
            Agreement("int8 vs fp32, prompts", _prompts, tokenizer, spec, all, int8);
        }

        Agreement("fp32 basic vs fp32 all, all texts", references.Concat(_prompts).ToArray(), tokenizer, spec, all, basic);
        Console.WriteLine($"model files: fp32 {new FileInfo(fp32Path).Length / 1e6:0} MB, int8 {(int8Path is null ? 0 : new FileInfo(int8Path).Length / 1e6):0} MB; peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
        foreach (var v in variants)
        {
            v.Session.Dispose();
        }

        File.Delete(optimizedPath);
        return 0;
    }

    private static void Agreement(string title, string[] texts, ITextTokenizer tokenizer, TextTowerSpec spec, Variant a, Variant b)
    {
        var cosines = texts.Select(t =>
        {
            var ids = tokenizer.Tokenize(t, spec.ContextLength, spec.PadId);
            return VectorMath.Cosine(a.Embed(ids), b.Embed(ids));
        }).Order().ToArray();

        // Does the quantised tower keep the nearest text? Rank each text's vector against all others under both towers.
        var va = texts.Select(t => a.Embed(tokenizer.Tokenize(t, spec.ContextLength, spec.PadId))).ToArray();
        var vb = texts.Select(t => b.Embed(tokenizer.Tokenize(t, spec.ContextLength, spec.PadId))).ToArray();
        var sameNearest = Enumerable.Range(0, texts.Length).Count(i => Nearest(va, i) == Nearest(vb, i));
        Console.WriteLine($"{title} ({texts.Length}): cosine min {cosines[0]:0.00000}, median {cosines[cosines.Length / 2]:0.00000}, mean {cosines.Average():0.00000}; same nearest neighbour {sameNearest}/{texts.Length}");
    }

    private static int Nearest(float[][] vectors, int i) =>
        Enumerable.Range(0, vectors.Length).Where(j => j != i).MaxBy(j => VectorMath.Cosine(vectors[i], vectors[j]));

    private sealed record Variant(string Name, InferenceSession Session, string Input, string Output, double CreateMs)
    {
        public List<double> Times { get; } = [];

        public List<double> CpuTimes { get; } = [];

        public float[] Embed(TokenizedText tokens)
        {
            var ids = tokens.Ids.AsSpan(0, tokens.Length).ToArray().Select(i => (long)i).ToArray();
            using var value = OrtValue.CreateTensorValueFromMemory(ids, [1, ids.Length]);
            using var options = new RunOptions();
            using var outputs = Session.Run(options, [Input], [value], [Output]);
            var vector = outputs[0].GetTensorDataAsSpan<float>().ToArray();
            VectorMath.Normalize(vector);
            return vector;
        }
    }
}
