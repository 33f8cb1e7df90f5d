using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>Fooocus (<c>fooocus</c> scheme JSON) and RuinedFooocus. Fooocus's <c>a1111</c> scheme is A1111 text and goes to <see cref="A1111Parser"/>.</summary>
public sealed class FooocusParser : IMetadataParser
{
    public MetadataParseResult Parse(MetadataSource source)
    {
        var text = source.Get("parameters") ?? source.Get("UserComment") ?? source.Get("Comment");
        if (!Json.LooksLikeJsonObject(text))
        {
            return MetadataParseResult.NotMine;
        }

        var scheme = source.Get("fooocus_scheme") ?? source.Get("MakerNote");
        var software = source.Get("Software");
        var fooocusMarked = scheme is not null || software?.StartsWith("Fooocus", StringComparison.OrdinalIgnoreCase) == true;
        if (!fooocusMarked && !text!.Contains("Fooocus", StringComparison.OrdinalIgnoreCase) && !text.Contains("\"base_model\"", StringComparison.Ordinal))
        {
            return MetadataParseResult.NotMine;
        }

        using var document = Json.TryParse(text, out var error);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } j)
        {
            return fooocusMarked
                ? MetadataParseResult.Malformed($"Fooocus parameters are not valid JSON ({error})", new GenerationMetadata { Generator = "fooocus", Raw = text })
                : MetadataParseResult.NotMine;
        }

        if (j.Str("software") is { } ruined && ruined.Contains("RuinedFooocus", StringComparison.OrdinalIgnoreCase))
        {
            return Ruined(j, text!);
        }

        if (!fooocusMarked && j.Prop("base_model") is null)
        {
            return MetadataParseResult.NotMine;
        }

        var metadata = new GenerationMetadata
        {
            Generator = "fooocus",
            Raw = text,
            Prompt = j.Str("prompt"),
            NegativePrompt = j.Str("negative_prompt"),
            Model = j.Str("base_model"),
            ModelHash = j.Str("base_model_hash"),
            Seed = j.Seed("seed"),
            Steps = j.Int("steps"),
            Sampler = j.Str("sampler"),
            Scheduler = j.Str("scheduler"),
            CfgScale = j.Dbl("guidance_scale"),
            ClipSkip = j.Int("clip_skip"),
            Vae = j.Str("vae"),
        };
        if (Numbers.Size(j.Str("resolution")) is { } size)
        {
            (metadata.Width, metadata.Height) = size;
        }

        if (j.Prop("loras") is { ValueKind: JsonValueKind.Array } loras)
        {
            foreach (var lora in loras.EnumerateArray())
            {
                if (lora.ValueKind == JsonValueKind.Array && lora.GetArrayLength() >= 2 && Json.AsString(lora[0]) is { } name)
                {
                    metadata.Loras.Add(new LoraReference(name, Json.AsDouble(lora[1]), lora.GetArrayLength() > 2 ? Json.AsString(lora[2]) : null));
                }
            }
        }

        foreach (var key in (string[])["version", "styles", "performance", "sharpness", "adm_guidance", "refiner_model", "refiner_switch", "metadata_scheme", "prompt_expansion"])
        {
            if (j.Str(key) is { } value)
            {
                metadata.Extra[key] = value;
            }
        }

        return MetadataParseResult.Parsed(metadata);
    }

    private static MetadataParseResult Ruined(JsonElement j, string text)
    {
        var metadata = new GenerationMetadata
        {
            Generator = "ruined-fooocus",
            Raw = text,
            Prompt = j.Str("Prompt"),
            NegativePrompt = j.Str("Negative"),
            Model = j.Str("base_model_name"),
            ModelHash = j.Str("base_model_hash"),
            Seed = j.Seed("seed"),
            Steps = j.Int("steps"),
            CfgScale = j.Dbl("cfg"),
            Width = j.Int("width"),
            Height = j.Int("height"),
            Sampler = j.Str("sampler_name"),
            Scheduler = j.Str("scheduler"),
            Denoise = j.Dbl("denoise"),
            ClipSkip = j.Int("clip_skip"),
        };
        if (j.Prop("loras") is { ValueKind: JsonValueKind.Array } loras)
        {
            foreach (var lora in loras.EnumerateArray())
            {
                if (lora.ValueKind == JsonValueKind.Object && (lora.Str("name") ?? lora.Str("model")) is { } name)
                {
                    metadata.Loras.Add(new LoraReference(name, lora.Dbl("weight"), lora.Str("hash")));
                }
                else if (lora.ValueKind == JsonValueKind.Array && lora.GetArrayLength() >= 2 && Json.AsString(lora[0]) is { } listed)
                {
                    metadata.Loras.Add(new LoraReference(listed, Json.AsDouble(lora[1])));
                }
            }
        }

        return MetadataParseResult.Parsed(metadata);
    }
}
