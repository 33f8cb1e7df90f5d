using System.Text;
using DrawingFromDiffusion.Core.Metadata;

namespace DrawingFromDiffusion.Core.Tests.Metadata;

/// <summary>Formats without a shared sample: synthetic files built from the layouts in metadata-spec.md §3.</summary>
public sealed class OtherGeneratorParserTests
{
    [Fact]
    public void Read_InvokeAiDream_SplitsBracketNegativeAndFlags()
    {
        var png = TestImages.Png(TestImages.Text("Dream", "\"a castle [fog] on a hill [blurry]\" -s 50 -S 2980747362 -W 512 -H 768 -C 7.5 -A k_lms"));

        var m = new MetadataReader().Read(png).Metadata!;

        Assert.Equal(("invokeai", "a castle  on a hill", "fog, blurry"), (m.Generator, m.Prompt, m.NegativePrompt));
        Assert.Equal((50, 2980747362m, 512, 768, 7.5, "k_lms"), (m.Steps!.Value, m.Seed!.Value, m.Width!.Value, m.Height!.Value, m.CfgScale!.Value, m.Sampler));
    }

    [Fact]
    public void Read_InvokeAi3Metadata_ReadsModelVaeAndLoras()
    {
        var png = TestImages.Png(TestImages.ITxt("invokeai_metadata", """{"positive_prompt":"cat","negative_prompt":"dog","seed":9,"steps":30,"cfg_scale":7,"scheduler":"dpmpp_2m_k","width":768,"height":512,"model":{"model_name":"sd15","base_model":"sd-1"},"vae":{"model_name":"vae-ft"},"loras":[{"lora":{"model_name":"detail","base_model":"sd-1"},"weight":0.75}],"app_version":"3.4.0"}"""));

        var m = new MetadataReader().Read(png).Metadata!;

        Assert.Equal(("sd15", "vae-ft", "dpmpp_2m_k", "3.4.0"), (m.Model, m.Vae, m.Sampler, m.Extra["app_version"]));
        Assert.Equal(new LoraReference("detail", 0.75), Assert.Single(m.Loras));
    }

    [Fact]
    public void Read_RuinedFooocus_ReadsItsKeys()
    {
        var png = TestImages.Png(TestImages.Text("parameters", """{"Prompt":"owl","Negative":"","steps":30,"cfg":8,"width":1152,"height":896,"seed":5,"sampler_name":"dpmpp_2m_sde_gpu","scheduler":"karras","base_model_name":"sdxl.safetensors","base_model_hash":"ABCDEF","loras":[],"software":"RuinedFooocus"}"""));

        var m = new MetadataReader().Read(png).Metadata!;

        Assert.Equal(("ruined-fooocus", "owl", "", "sdxl.safetensors", "ABCDEF", 1152), (m.Generator, m.Prompt, m.NegativePrompt, m.Model, m.ModelHash, m.Width!.Value));
    }

    [Fact]
    public void Read_StabilityMatrix_PrefersParametersJson()
    {
        var png = TestImages.Png(
            TestImages.Text("parameters", "fox\r\nNegative prompt: rain\r\nSteps: 20, Sampler: Euler Ancestral Karras, CFG scale: 7, Seed: 3, Size: 1024x1024, Model hash: ABC, Model: m", Encoding.UTF8),
            TestImages.Text("parameters-json", """{"PositivePrompt":"fox\r\nin snow","NegativePrompt":"rain","Steps":20,"Sampler":"EulerAncestral","CfgScale":7,"Seed":3,"Width":1024,"Height":1024,"ModelName":"m.safetensors","ModelHash":"ABC"}"""),
            TestImages.Text("smproj", "{}"));

        var m = new MetadataReader().Read(png).Metadata!;

        Assert.Equal(("stability-matrix", "fox\r\nin snow", "m.safetensors", "EulerAncestral"), (m.Generator, m.Prompt, m.Model, m.Sampler));
    }

    [Fact]
    public void Read_HfSpace_ReadsResolutionAndUpscaler()
    {
        var png = TestImages.Png(TestImages.Text("parameters", """{"prompt":"1girl","negative_prompt":"lowres","resolution":"832 x 1216","guidance_scale":7,"num_inference_steps":28,"seed":123,"sampler":"Euler a","Model":"Animagine XL 3.1","Model hash":"e3c47aedb0","use_upscaler":{"upscale_method":"nearest-exact","upscaler_strength":0.55,"upscale_by":1.5}}"""));

        var m = new MetadataReader().Read(png).Metadata!;

        Assert.Equal(("hf-space", 832, 1216, 28, "Animagine XL 3.1"), (m.Generator, m.Width!.Value, m.Height!.Value, m.Steps!.Value, m.Model));
        Assert.Equal(1.5, m.Hires!.Scale);
    }

    [Fact]
    public void Read_EasyDiffusionChunks_ReadsFieldsAndLoras()
    {
        var png = TestImages.Png(
            TestImages.Text("prompt", "a boat"),
            TestImages.Text("negative_prompt", "waves"),
            TestImages.Text("seed", "42"),
            TestImages.Text("use_stable_diffusion_model", "C:\\models\\sd\\dreamshaper_8.safetensors"),
            TestImages.Text("num_inference_steps", "25"),
            TestImages.Text("guidance_scale", "7.5"),
            TestImages.Text("width", "512"),
            TestImages.Text("height", "512"),
            TestImages.Text("sampler_name", "euler_a"),
            TestImages.Text("use_lora_model", "[\"a\", \"b\"]"),
            TestImages.Text("lora_alpha", "[0.5, 0.25]"));

        var m = new MetadataReader().Read(png).Metadata!;

        Assert.Equal(("easydiffusion", "a boat", "dreamshaper_8.safetensors", 25, 42m), (m.Generator, m.Prompt, m.Model, m.Steps!.Value, m.Seed!.Value));
        Assert.Equal([new LoraReference("a", 0.5), new LoraReference("b", 0.25)], m.Loras);
    }

    [Fact]
    public void Read_DrawThingsXmp_ReadsUserCommentJson()
    {
        const string Xmp = """<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmp:CreatorTool="Draw Things"><exif:UserComment><rdf:Alt><rdf:li xml:lang="x-default">{&quot;c&quot;:&quot;a lighthouse&quot;,&quot;uc&quot;:&quot;people&quot;,&quot;model&quot;:&quot;sd_xl.ckpt&quot;,&quot;sampler&quot;:&quot;DPM++ 2M Karras&quot;,&quot;scale&quot;:5,&quot;seed&quot;:77,&quot;steps&quot;:30,&quot;strength&quot;:1,&quot;size&quot;:&quot;512x768&quot;,&quot;lora&quot;:[{&quot;file&quot;:&quot;x.ckpt&quot;,&quot;weight&quot;:0.6}]}</rdf:li></rdf:Alt></exif:UserComment></rdf:Description></rdf:RDF></x:xmpmeta>""";
        var png = TestImages.Png(TestImages.ITxt("XML:com.adobe.xmp", Xmp));

        var m = new MetadataReader().Read(png).Metadata!;

        Assert.Equal(("draw-things", "a lighthouse", "people", "sd_xl.ckpt", 512, 768), (m.Generator, m.Prompt, m.NegativePrompt, m.Model, m.Width!.Value, m.Height!.Value));
        Assert.Equal(new LoraReference("x.ckpt", 0.6), Assert.Single(m.Loras));
    }

    [Fact]
    public void Read_MidjourneyDescription_SplitsPromptAndParameters()
    {
        var png = TestImages.Png(TestImages.Text("Description", "a fox in the snow --ar 2:1 --stylize 80 --v 6 --raw --no trees --seed 99 Job ID: 1234-abcd"), TestImages.Text("Author", "someone"));

        var m = new MetadataReader().Read(png).Metadata!;

        Assert.Equal(("midjourney", "a fox in the snow", "trees", 99m, "Midjourney v6"), (m.Generator, m.Prompt, m.NegativePrompt, m.Seed!.Value, m.Model));
        Assert.Equal(("2:1", "80", "true", "1234-abcd"), (m.Extra["aspect_ratio"], m.Extra["stylize"], m.Extra["raw"], m.Extra["job_id"]));
    }

    [Fact]
    public void Read_CivitaiComfyJson_TakesPromptFromExtraMetadata()
    {
        const string Json = """{"resource-stack":{"class_type":"CheckpointLoaderSimple","inputs":{"ckpt_name":"urn:air:sdxl:checkpoint:civitai:827184@2514310"}},"6":{"class_type":"smZ CLIPTextEncode","inputs":{"text":"graph prompt","clip":["resource-stack",1]}},"7":{"class_type":"smZ CLIPTextEncode","inputs":{"text":"graph negative","clip":["resource-stack",1]}},"11":{"class_type":"KSampler","inputs":{"seed":5,"steps":25,"cfg":4,"sampler_name":"euler_ancestral","scheduler":"normal","denoise":1,"model":["resource-stack",0],"positive":["6",0],"negative":["7",0],"latent_image":["20",0]}},"20":{"class_type":"EmptyLatentImage","inputs":{"width":832,"height":1216,"batch_size":1}},"extra":{"airs":["urn:air:sdxl:checkpoint:civitai:827184@2514310"]},"extraMetadata":"{\"prompt\":\"site prompt\",\"negativePrompt\":\"site negative\",\"steps\":25,\"cfgScale\":4,\"sampler\":\"Euler a\",\"seed\":5}"}""";
        var jpeg = TestImages.JpegWithExif(TestImages.UnicodeComment(Json, bigEndian: true));

        var m = new MetadataReader().Read(jpeg).Metadata!;

        Assert.Equal(("civitai", "site prompt", "site negative", "Euler a", 832), (m.Generator, m.Prompt, m.NegativePrompt, m.Sampler, m.Width!.Value));
        Assert.Equal("urn:air:sdxl:checkpoint:civitai:827184@2514310", m.Model);
    }

    [Fact]
    public void Read_SwarmUiJpegUtf16LittleEndian_WinsWithoutNegative()
    {
        const string Json = """{"sui_image_params":{"prompt":"a cat","model":"Flux/flux1-dev-fp8","seed":"1","steps":"20","cfgscale":1.0,"width":1024,"height":1024,"loras":["a","b"],"loraweights":["0.5","1"]},"sui_models":[{"name":"flux1-dev-fp8.safetensors","param":"model","hash":"0xabc"}]}""";
        var jpeg = TestImages.JpegWithExif(TestImages.UnicodeComment(Json, bigEndian: false));

        var m = new MetadataReader().Read(jpeg).Metadata!;

        Assert.Equal(("swarmui", "a cat", null, 1m, 20, "0xabc"), (m.Generator, m.Prompt, m.NegativePrompt, m.Seed!.Value, m.Steps!.Value, m.ModelHash));
        Assert.Equal([new LoraReference("a", 0.5), new LoraReference("b", 1)], m.Loras);
    }
}
