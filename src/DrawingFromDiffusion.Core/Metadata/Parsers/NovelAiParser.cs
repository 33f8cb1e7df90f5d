using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>NovelAI: PNG Title/Description/Software/Source/Comment chunks, or the same keys as one JSON object (WebP UserComment, stealth payload).</summary>
public sealed class NovelAiParser : IMetadataParser
{
    public MetadataParseResult Parse(MetadataSource source)
    {
        var software = source.Get("Software");
        var sourceText = source.Get("Source");
        var comment = source.Get("Comment");
        var description = source.Get("Description");
        // WebP downloads keep every PNG key in one UserComment JSON object (EXIF Software holds the Source string).
        if (comment is null && source.Get("UserComment") is { } userComment && Json.LooksLikeJsonObject(userComment))
        {
            using var wrapped = Json.TryParse(userComment, out _);
            if (wrapped?.RootElement is { ValueKind: JsonValueKind.Object } root && (IsNovelAi(root.Str("Software")) || IsNovelAi(root.Str("Source"))) && root.Prop("Comment") is not null)
            {
                software = root.Str("Software") ?? software;
                sourceText = root.Str("Source") ?? sourceText;
                description = root.Str("Description") ?? description;
                comment = root.Prop("Comment") is { ValueKind: JsonValueKind.String } c ? Json.Text(c) : root.Prop("Comment")?.GetRawText();
            }
        }

        if (!IsNovelAi(software) && !(IsNovelAi(sourceText) && comment is not null))
        {
            return MetadataParseResult.NotMine;
        }

        return FromComment(comment, description, sourceText);
    }

    internal static MetadataParseResult FromComment(string? comment, string? description, string? sourceText)
    {
        var metadata = new GenerationMetadata { Generator = "novelai", Raw = comment ?? description, Prompt = description?.TrimStart('\0') };
        if (sourceText is not null)
        {
            var space = sourceText.LastIndexOf(' ');
            if (space > 0 && sourceText.Length - space - 1 == 8 && sourceText[(space + 1)..].All(Uri.IsHexDigit))
            {
                metadata.Model = sourceText[..space];
                metadata.ModelHash = sourceText[(space + 1)..];
            }
            else
            {
                metadata.Model = sourceText;
            }
        }

        using var document = Json.TryParse(comment, out var error);
        using var unwrapped = document is null ? null : Json.Unwrap(document.RootElement);
        var root = unwrapped?.RootElement ?? document?.RootElement;
        if (root is not { ValueKind: JsonValueKind.Object } json)
        {
            return MetadataParseResult.Malformed($"NovelAI Comment is not a JSON object ({error ?? "missing"})", metadata);
        }

        metadata.Prompt = json.Str("prompt") ?? metadata.Prompt;
        metadata.NegativePrompt = json.Str("uc");
        metadata.Steps = json.Int("steps");
        metadata.CfgScale = json.Dbl("scale");
        metadata.Seed = json.Seed("seed");
        metadata.Sampler = json.Str("sampler");
        metadata.Scheduler = json.Str("noise_schedule");
        metadata.Width = json.Int("width");
        metadata.Height = json.Int("height");
        foreach (var key in (string[])["strength", "noise", "request_type", "cfg_rescale", "sm", "sm_dyn", "uncond_scale", "n_samples"])
        {
            if (json.Str(key) is { } value)
            {
                metadata.Extra[key] = value;
            }
        }

        if (json.Prop("v4_prompt") is { } v4)
        {
            if (v4.Prop("caption")?.Prop("char_captions") is { ValueKind: JsonValueKind.Array, } characters && characters.GetArrayLength() > 0)
            {
                metadata.Extra["character_prompts"] = characters.GetRawText();
            }

            foreach (var key in (string[])["use_coords", "use_order"])
            {
                if (v4.Str(key) is { } value)
                {
                    metadata.Extra[key] = value;
                }
            }
        }

        if (json.Prop("v4_negative_prompt")?.Prop("caption")?.Prop("char_captions") is { ValueKind: JsonValueKind.Array } negatives && negatives.GetArrayLength() > 0)
        {
            metadata.Extra["character_negative_prompts"] = negatives.GetRawText();
        }

        return MetadataParseResult.Parsed(metadata);
    }

    private static bool IsNovelAi(string? text) => text is not null && text.Contains("NovelAI", StringComparison.OrdinalIgnoreCase);
}
