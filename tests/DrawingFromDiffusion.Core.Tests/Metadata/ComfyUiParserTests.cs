using System.Text;
using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Core.Metadata.Parsers;

namespace DrawingFromDiffusion.Core.Tests.Metadata;

public sealed class ComfyUiParserTests
{
    private const string Lora = """{"3":{"class_type":"KSampler","inputs":{"seed":18446744073709551615,"steps":20,"cfg":8.0,"sampler_name":"euler","scheduler":"normal","denoise":1.0,"model":["11",0],"positive":["6",0],"negative":["7",0],"latent_image":["5",0]}},"4":{"class_type":"CheckpointLoaderSimple","inputs":{"ckpt_name":"SDXL\\base.safetensors"}},"5":{"class_type":"EmptyLatentImage","inputs":{"width":512,"height":768,"batch_size":1}},"6":{"class_type":"CLIPTextEncode","inputs":{"text":"girl","clip":["10",1]}},"7":{"class_type":"ConditioningZeroOut","inputs":{"conditioning":["6",0]}},"10":{"class_type":"LoraLoader","inputs":{"lora_name":"a.safetensors","strength_model":0.7,"strength_clip":1.0,"model":["4",0],"clip":["4",1]}},"11":{"class_type":"LoraLoaderModelOnly","inputs":{"lora_name":"b.safetensors","strength_model":0.4,"model":["10",0]}}}""";

    [Fact]
    public void ParseGraphs_LoraChainAndZeroOut_ReadsChainInOrder()
    {
        var m = ComfyUiParser.ParseGraphs(Lora, null, "comfyui").Metadata!;

        Assert.Equal([("a.safetensors", 0.7), ("b.safetensors", 0.4)], m.Loras.Select(l => (l.Name, l.Weight!.Value)));
        Assert.Equal("SDXL\\base.safetensors", m.Model);
        Assert.Equal("", m.NegativePrompt);
        Assert.Equal(18446744073709551615m, m.Seed);
        Assert.Equal((512, 768), (m.Width!.Value, m.Height!.Value));
    }

    [Fact]
    public void ParseGraphs_SamplerCustomAdvancedWithHiresPass_ReadsBothPasses()
    {
        const string Graph = """
            {"1":{"class_type":"SamplerCustomAdvanced","inputs":{"noise":["2",0],"guider":["3",0],"sampler":["4",0],"sigmas":["5",0],"latent_image":["6",0]}},
             "2":{"class_type":"RandomNoise","inputs":{"noise_seed":-42}},
             "3":{"class_type":"CFGGuider","inputs":{"cfg":3.5,"model":["7",0],"positive":["8",0],"negative":["9",0]}},
             "4":{"class_type":"KSamplerSelect","inputs":{"sampler_name":"dpmpp_2m"}},
             "5":{"class_type":"BasicScheduler","inputs":{"scheduler":"simple","steps":28,"denoise":1.0,"model":["7",0]}},
             "6":{"class_type":"EmptySD3LatentImage","inputs":{"width":1024,"height":1024,"batch_size":1}},
             "7":{"class_type":"UNETLoader","inputs":{"unet_name":"flux1-dev.safetensors"}},
             "8":{"class_type":"CLIPTextEncodeSDXL","inputs":{"text_g":"castle","text_l":"castle at dusk"}},
             "9":{"class_type":"CLIPTextEncode","inputs":{"text":"fog"}},
             "10":{"class_type":"LatentUpscaleBy","inputs":{"upscale_method":"nearest-exact","scale_by":1.5,"samples":["1",0]}},
             "11":{"class_type":"KSampler","inputs":{"seed":7,"steps":12,"cfg":3.5,"sampler_name":"euler","scheduler":"normal","denoise":0.45,"model":["7",0],"positive":["8",0],"negative":["9",0],"latent_image":["10",0]}},
             "12":{"class_type":"VAEDecode","inputs":{"samples":["11",0]}},
             "13":{"class_type":"SaveImage","inputs":{"images":["12",0]}}}
            """;

        var m = ComfyUiParser.ParseGraphs(Graph, null, "comfyui").Metadata!;

        Assert.Equal((-42m, 28, "dpmpp_2m", "simple", 3.5), (m.Seed!.Value, m.Steps!.Value, m.Sampler, m.Scheduler, m.CfgScale!.Value));
        Assert.Equal("castle\ncastle at dusk", m.Prompt);
        Assert.Equal("fog", m.NegativePrompt);
        Assert.Equal("flux1-dev.safetensors", m.Model);
        Assert.Equal(new HiresInfo { Scale = 1.5, Upscaler = "nearest-exact", Steps = 12, Denoise = 0.45 }, m.Hires);
    }

    [Fact]
    public void ParseGraphs_LinkCycle_EndsQuicklyWithPartialRecord()
    {
        const string Cycle = """{"1":{"class_type":"KSampler","inputs":{"seed":["2",0],"steps":20,"positive":["3",0],"negative":["4",0],"model":["5",0],"latent_image":["6",0]}},"2":{"class_type":"Seed","inputs":{"seed":["2",0]}},"3":{"class_type":"ConditioningCombine","inputs":{"conditioning_1":["4",0],"conditioning_2":["3",0]}},"4":{"class_type":"ConditioningConcat","inputs":{"conditioning_to":["3",0]}},"5":{"class_type":"LoraLoader","inputs":{"lora_name":"x","model":["5",0]}},"6":{"class_type":"LatentUpscale","inputs":{"samples":["6",0]}}}""";

        var result = ComfyUiParser.ParseGraphs(Cycle, null, "comfyui");

        Assert.Equal(ParseStatus.Parsed, result.Status);
        Assert.Equal(20, result.Metadata!.Steps);
        Assert.Null(result.Metadata.Seed);
    }

    [Fact]
    public void ParseGraphs_HundredThousandNodes_RefusedAsMalformed()
    {
        var json = new StringBuilder("{");
        for (var i = 0; i < 100_000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append('"').Append(i).Append("\":{\"class_type\":\"Reroute\",\"inputs\":{\"input\":[\"").Append(i + 1).Append("\",0]}}");
        }

        var result = ComfyUiParser.ParseGraphs(json.Append('}').ToString(), null, "comfyui");

        Assert.Equal(ParseStatus.Malformed, result.Status);
        Assert.Contains("refused", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseGraphs_DeepConditioningChain_StopsAtDepthLimit()
    {
        var json = new StringBuilder("""{"s":{"class_type":"KSampler","inputs":{"steps":5,"positive":["0",0]}}""");
        for (var i = 0; i < 9_000; i++)
        {
            json.Append(",\"").Append(i).Append("\":{\"class_type\":\"ConditioningSetArea\",\"inputs\":{\"conditioning\":[\"").Append(i + 1).Append("\",0]}}");
        }

        json.Append(",\"9000\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":\"deep\"}}}");
        var result = ComfyUiParser.ParseGraphs(json.ToString(), null, "comfyui");

        Assert.Equal(ParseStatus.Parsed, result.Status);
        Assert.Null(result.Metadata!.Prompt);
        Assert.Equal(5, result.Metadata.Steps);
    }

    [Theory]
    [InlineData("""{"1":{"class_type":"KSampler","inputs":{"seed":1,"steps":20,"cfg":NaN,"positive":["2",0]}},"2":{"class_type":"CLIPTextEncode","inputs":{"text":"ok","weight":Infinity}}}""", "ok")]
    [InlineData("""{"1":{"class_type":"KSampler","inputs":{"seed":1,"steps":20,"positive":["2",0]}},"2":{"class_type":"CLIPTextEncode","inputs":{"text":"ok"}}}garbage""", "ok")]
    [InlineData("""{"1":{"class_type":"KSampler","inputs":{"seed":1,"seed":2,"steps":20,"positive":["2",0]}},"2":{"class_type":"CLIPTextEncode","inputs":{"text":"ok"}}}""", "ok")]
    public void ParseGraphs_DirtyJson_StillReadsPrompt(string graph, string prompt)
    {
        var result = ComfyUiParser.ParseGraphs(graph, null, "comfyui");

        Assert.Equal(ParseStatus.Parsed, result.Status);
        Assert.Equal(prompt, result.Metadata!.Prompt);
    }

    [Fact]
    public void ParseGraphs_LoneSurrogateEscape_ReplacesInsteadOfThrowing()
    {
        // Found by ParserFuzzTests: System.Text.Json refuses to decode "\ud800" alone.
        const string Graph = """{"1":{"class_type":"KSampler","inputs":{"seed":1,"steps":2,"positive":["2",0]}},"2":{"class_type":"CLIPTextEncode","inputs":{"text":"a\ud800b"}},"3":{"class_type":"CheckpointLoaderSimple","inputs":{"ckpt_name":"\udc00"}}}""";

        var m = ComfyUiParser.ParseGraphs(Graph, null, "comfyui").Metadata!;

        Assert.Equal("a\uFFFDb", m.Prompt);
    }

    [Theory]
    [InlineData("""{"1":{"class_type":"KSampler","inputs":{"seed":1""")]
    [InlineData("""{"1": [1, 2, """)]
    [InlineData("{}")]
    public void ParseGraphs_TruncatedOrEmptyJson_ReturnsMalformed(string graph)
    {
        var result = ComfyUiParser.ParseGraphs(graph, null, "comfyui");

        Assert.Equal(ParseStatus.Malformed, result.Status);
        Assert.NotNull(result.Reason);
    }

    [Fact]
    public void ParseGraphs_OnlyUiWorkflow_FallsBackToWidgets()
    {
        var source = new Containers.MetadataSourceProbe(Path.Combine(SampleManifest.Folder, "comfyui", "lora.png"));
        var workflow = source.Get("workflow")!;

        var m = ComfyUiParser.ParseGraphs(null, workflow, "comfyui").Metadata!;

        Assert.Equal((851616030078638m, 20, 8.0, "euler"), (m.Seed!.Value, m.Steps!.Value, m.CfgScale!.Value, m.Sampler));
        Assert.Equal(("masterpiece best quality girl", "bad hands"), (m.Prompt, m.NegativePrompt));
        Assert.Equal("epiNoiseoffset_v2.safetensors", Assert.Single(m.Loras).Name);
        Assert.Contains(m.Warnings, w => w.Contains("UI workflow", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_AreaCompositionStyleSeveralEncoders_JoinsTexts()
    {
        const string Graph = """{"1":{"class_type":"KSampler","inputs":{"seed":1,"steps":2,"positive":["2",0],"negative":["5",0]}},"2":{"class_type":"ConditioningCombine","inputs":{"conditioning_1":["3",0],"conditioning_2":["4",0]}},"3":{"class_type":"ConditioningSetArea","inputs":{"conditioning":["6",0]}},"4":{"class_type":"CLIPTextEncode","inputs":{"text":"night"}},"6":{"class_type":"CLIPTextEncode","inputs":{"text":"day"}},"5":{"class_type":"CLIPTextEncode","inputs":{"text":"bad"}}}""";

        Assert.Equal("day\nnight", ComfyUiParser.ParseGraphs(Graph, null, "comfyui").Metadata!.Prompt);
    }
}
