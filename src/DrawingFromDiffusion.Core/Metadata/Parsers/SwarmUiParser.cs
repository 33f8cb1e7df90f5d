using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>SwarmUI: JSON with <c>sui_image_params</c> in PNG <c>parameters</c> or EXIF UserComment/Model. Wins over the ComfyUI graph it also stores.</summary>
public sealed class SwarmUiParser : IMetadataParser
{
    public MetadataParseResult Parse(MetadataSource source)
    {
        var text = source.Texts.FirstOrDefault(t => t.Value.Contains("sui_image_params", StringComparison.Ordinal))?.Value;
        if (text is null)
        {
            return MetadataParseResult.NotMine;
        }

        var metadata = new GenerationMetadata { Generator = "swarmui", Raw = text };
        using var document = Json.TryParse(text, out var error);
        if (document?.RootElement.Prop("sui_image_params") is not { ValueKind: JsonValueKind.Object } p)
        {
            return MetadataParseResult.Malformed($"SwarmUI parameters are not valid JSON ({error ?? "no sui_image_params object"})", metadata);
        }

        metadata.Prompt = p.Str("prompt");
        metadata.NegativePrompt = p.Str("negativeprompt");
        metadata.Model = p.Str("model");
        metadata.Seed = p.Seed("seed");
        metadata.Steps = p.Int("steps");
        metadata.CfgScale = p.Dbl("cfgscale");
        metadata.Width = p.Int("width");
        metadata.Height = p.Int("height");
        metadata.Sampler = p.Str("sampler") ?? p.Str("comfyuisampler") ?? p.Str("autowebuisampler");
        metadata.Scheduler = p.Str("scheduler");
        metadata.Vae = p.Str("vae");
        metadata.ClipSkip = p.Int("clipstopatlayer") is { } layer ? Math.Abs(layer) : null;
        if (p.Dbl("refinerupscale") is { } upscale)
        {
            metadata.Hires = new HiresInfo { Scale = upscale, Upscaler = p.Str("refinerupscalemethod"), Steps = p.Int("refinersteps"), Denoise = p.Dbl("refinercontrolpercentage") };
        }

        var names = List(p.Prop("loras"));
        var weights = List(p.Prop("loraweights"));
        for (var i = 0; i < names.Count; i++)
        {
            metadata.Loras.Add(new LoraReference(names[i], i < weights.Count ? Numbers.Double(weights[i]) : null));
        }

        foreach (var key in (string[])["swarm_version", "aspectratio", "images", "videoformat", "videofps"])
        {
            if (p.Str(key) is { } value)
            {
                metadata.Extra[key] = value;
            }
        }

        if (document.RootElement.Prop("sui_extra_data")?.Str("original_prompt") is { } original)
        {
            metadata.Extra["original_prompt"] = original;
        }

        if (document.RootElement.Prop("sui_models") is { ValueKind: JsonValueKind.Array } models)
        {
            foreach (var model in models.EnumerateArray())
            {
                if (model.Str("param") == "model" && model.Str("hash") is { } hash)
                {
                    metadata.ModelHash = hash;
                }
            }
        }

        A1111Parser.AddLoraTags(metadata, metadata.Prompt);
        return MetadataParseResult.Parsed(metadata);
    }

    /// <summary>A JSON list, or a comma-separated string (older SwarmUI).</summary>
    private static List<string> List(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.Array => value.Value.EnumerateArray().Select(v => Json.AsString(v)).OfType<string>().ToList(),
        JsonValueKind.String => Json.Text(value.Value)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList(),
        _ => [],
    };
}
