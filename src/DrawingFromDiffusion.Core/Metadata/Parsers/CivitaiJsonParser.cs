using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>Civitai's ComfyUI-based generator: a UserComment JSON graph with <c>extra.airs</c> and a string-encoded <c>extraMetadata</c>.</summary>
public sealed class CivitaiJsonParser : IMetadataParser
{
    public MetadataParseResult Parse(MetadataSource source)
    {
        var text = source.Get("UserComment") ?? source.Get("prompt");
        if (!Json.LooksLikeJsonObject(text) || !text!.Contains("extraMetadata", StringComparison.Ordinal))
        {
            return MetadataParseResult.NotMine;
        }

        using var document = Json.TryParse(text, out var error);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return MetadataParseResult.Malformed($"Civitai JSON is not valid ({error})", new GenerationMetadata { Generator = "civitai", Raw = text });
        }

        var graphText = root.Prop("prompt") is { } inner ? (inner.ValueKind == JsonValueKind.String ? Json.Text(inner) : inner.GetRawText()) : text;
        var metadata = ComfyUiParser.ParseGraphs(graphText, null, "civitai").Metadata ?? new GenerationMetadata { Generator = "civitai" };
        metadata.Generator = "civitai";
        metadata.Raw = text;
        using var extra = root.Prop("extraMetadata") is { } wrapped ? Json.Unwrap(wrapped) : null;
        if (extra?.RootElement is { ValueKind: JsonValueKind.Object } e)
        {
            metadata.Prompt = e.Str("prompt") ?? metadata.Prompt;
            metadata.NegativePrompt = e.Str("negativePrompt") ?? metadata.NegativePrompt;
            metadata.Steps = e.Int("steps") ?? metadata.Steps;
            metadata.CfgScale = e.Dbl("cfgScale") ?? metadata.CfgScale;
            metadata.Sampler = e.Str("sampler") ?? metadata.Sampler;
            metadata.Seed = e.Seed("seed") ?? metadata.Seed;
            if (e.Prop("resources") is { ValueKind: JsonValueKind.Array } resources)
            {
                metadata.Extra["civitai_resources"] = resources.GetRawText();
            }
        }

        if (root.Prop("extra")?.Prop("airs") is { ValueKind: JsonValueKind.Array } airs)
        {
            metadata.Extra["airs"] = airs.GetRawText();
        }

        return MetadataParseResult.Parsed(metadata);
    }
}
