using System.Globalization;
using System.Text;
using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Core.Metadata.Parsers;
using FsCheck;
using FsCheck.Fluent;

namespace DrawingFromDiffusion.Core.Tests.Metadata;

/// <summary>
/// Property-based fuzzing of the A1111 and ComfyUI parsers: mutated real metadata and random graphs must never
/// throw and never hang. DFD_FUZZ_CASES raises the case count for a long run (default 1500 per property).
/// </summary>
public sealed class ParserFuzzTests
{
    private const string Infotext = "general, masterpiece, <lora:detail:0.6>, \"quoted\"\nNegative prompt: bad quality, {x}\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 3782896554, Size: 1024x1024, Model hash: 45a21ea00a, Model: wai, Lora hashes: \"detail: 45b5bd0819cf\", Hashes: {\"model\": \"45a21ea00a\"}, Civitai resources: [{\"type\":\"lora\",\"modelName\":\"x\",\"weight\":0.5}], Version: f2.0.1v1.10.1-previous-669\nTemplate: a {b|c}";

    private static readonly string[] _classes =
    [
        "KSampler", "KSamplerAdvanced", "SamplerCustomAdvanced", "CFGGuider", "BasicGuider", "RandomNoise", "KSamplerSelect", "BasicScheduler",
        "CLIPTextEncode", "CLIPTextEncodeSDXL", "ConditioningCombine", "ConditioningZeroOut", "ConditioningSetArea", "LoraLoader",
        "LoraLoaderModelOnly", "CheckpointLoaderSimple", "UNETLoader", "EmptyLatentImage", "LatentUpscaleBy", "VAEDecode", "VAEEncode",
        "SaveImage", "Reroute", "PrimitiveNode", "CLIPSetLastLayer", "VAELoader", "Power Lora Loader (rgthree)",
    ];

    private static readonly string[] _inputs =
    [
        "seed", "noise_seed", "steps", "cfg", "sampler_name", "scheduler", "denoise", "model", "positive", "negative", "conditioning",
        "conditioning_1", "conditioning_2", "latent_image", "samples", "images", "image", "pixels", "guider", "noise", "sigmas", "sampler",
        "text", "text_g", "text_l", "value", "width", "height", "dimensions", "lora_name", "strength_model", "ckpt_name", "unet_name",
        "vae_name", "stop_at_clip_layer", "scale_by", "upscale_method", "lora_1", "upscale_model",
    ];

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("DFD_FUZZ_CASES"), CultureInfo.InvariantCulture, out var n) ? n : 1500;

    [Fact]
    public void A1111ParseText_MutatedInfotext_NeverThrows()
    {
        var property = Prop.ForAll(Arb.From(Mutations(Infotext, ",:\"\n\\{}[]<> 0123456789abSteps:Negative prompt:")), (string text) =>
        {
            var result = A1111Parser.ParseText(text, strict: false);
            return result.Status != ParseStatus.NotMine && result.Metadata is not null;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    [Fact]
    public void A1111ParseText_RandomText_NeverThrows()
    {
        var property = Prop.ForAll(Arb.From(ArbMap.Default.GeneratorFor<string>()), (string text) =>
        {
            var result = A1111Parser.ParseText(text ?? "", strict: true);
            return result.Status != ParseStatus.Parsed || result.Metadata!.Prompt is not null;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    [Fact]
    public void ComfyParseGraphs_RandomGraphs_NeverThrowOrHang()
    {
        var property = Prop.ForAll(Arb.From(Graphs()), (string graph) =>
        {
            var result = ComfyUiParser.ParseGraphs(graph, graph, "comfyui");
            return result.Status != ParseStatus.NotMine;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    [Fact]
    public void ComfyParseGraphs_MutatedSampleGraphs_NeverThrow()
    {
        var graph = new Containers.MetadataSourceProbe(Path.Combine(SampleManifest.Folder, "comfyui", "lora.png")).Get("prompt")!;
        var workflow = new Containers.MetadataSourceProbe(Path.Combine(SampleManifest.Folder, "comfyui", "lora.png")).Get("workflow")!;
        var property = Prop.ForAll(Arb.From(Gen.OneOf(Mutations(graph, "{}[]\":,0123456789-.eE nul"), Mutations(workflow, "{}[]\":,0123456789-.eE nul"))), (string text) =>
        {
            var result = ComfyUiParser.ParseGraphs(text, text.Contains("\"nodes\"", StringComparison.Ordinal) ? text : null, "comfyui");
            return result.Status != ParseStatus.NotMine;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    [Fact]
    public void MetadataRead_MutatedSampleFileBytes_NeverThrows()
    {
        var samples = Directory.GetFiles(SampleManifest.Folder, "*.*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length < 700_000 && !f.EndsWith(".json", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal))
            .Select(File.ReadAllBytes)
            .ToArray();
        var mutated = from index in Gen.Choose(0, samples.Length - 1)
                      from edits in Gen.ListOf(Gen.Choose(0, int.MaxValue).SelectMany(p => Gen.Choose(0, 255).Select(b => (p, b)))).Resize(16)
                      from cut in Gen.Frequency((3, Gen.Constant(int.MaxValue)), (1, Gen.Choose(0, 4096)))
                      select Corrupt(samples[index], edits, cut);
        var property = Prop.ForAll(Arb.From(mutated), (byte[] bytes) =>
        {
            var result = new MetadataReader().Read(bytes);
            return result.Status == ParseStatus.NotMine || result.Metadata is not null;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Math.Max(200, Cases / 5)), property);
    }

    /// <summary>Byte flips concentrated in the first 4 KiB, where the chunk, segment and IFD headers live.</summary>
    private static byte[] Corrupt(byte[] original, IEnumerable<(int Position, int Value)> edits, int cut)
    {
        var bytes = original[..Math.Min(original.Length, cut)];
        foreach (var (position, value) in edits)
        {
            if (bytes.Length > 0)
            {
                bytes[position % Math.Min(bytes.Length, 4096)] = (byte)value;
            }
        }

        return bytes;
    }

    /// <summary>The seed text with a few random edits: character replacements, insertions, deletions and a truncation.</summary>
    private static Gen<string> Mutations(string seed, string alphabet)
    {
        var edit = from kind in Gen.Choose(0, 3)
                   from position in Gen.Choose(0, seed.Length)
                   from c in Gen.Elements(alphabet.ToCharArray())
                   from length in Gen.Choose(1, 40)
                   select (kind, position, c, length);
        return from edits in Gen.ListOf(edit).Resize(12)
               select Apply(seed, edits);
    }

    private static string Apply(string seed, IEnumerable<(int Kind, int Position, char C, int Length)> edits)
    {
        var text = new StringBuilder(seed);
        foreach (var (kind, position, c, length) in edits)
        {
            var at = Math.Min(position, text.Length);
            switch (kind)
            {
                case 0 when at < text.Length:
                    text[at] = c;
                    break;
                case 1:
                    text.Insert(at, new string(c, length % 4 + 1));
                    break;
                case 2:
                    text.Remove(at, Math.Min(length, text.Length - at));
                    break;
                case 3 when at > 0:
                    text.Length = at;
                    break;
            }
        }

        return text.ToString();
    }

    private static Gen<string> Graphs() =>
        from count in Gen.Choose(0, 30)
        from nodes in Gen.ArrayOf(Node(count), count)
        select "{" + string.Join(",", nodes.Select((n, i) => $"\"{i}\":{n}")) + "}";

    private static Gen<string> Node(int count) =>
        from type in Gen.Elements(_classes)
        from inputs in Gen.ListOf(Input(count)).Resize(8)
        select $"{{\"class_type\":\"{type}\",\"inputs\":{{{string.Join(",", inputs)}}}}}";

    private static Gen<string> Input(int count) =>
        from name in Gen.Elements(_inputs)
        from value in Gen.OneOf(
            Gen.Choose(-1, Math.Max(0, count)).Select(target => $"[\"{target}\",0]"),
            Gen.Elements("18446744073709551615", "-9223372036854775808", "1e308", "-0.5", "0", "20", "7.5", "1e400", "NaN", "Infinity", "true", "null"),
            Gen.Elements("\"euler\"", "\"a cat\"", "\"\"", "\"1024 x 768\"", "\"\\ud800\"", "{\"on\":true,\"lora\":\"x\",\"strength\":\"0.5\"}", "[]", "[1]", "[\"1\",\"0\"]", "{}"))
        select $"\"{name}\":{value}";
}
