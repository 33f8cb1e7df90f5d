using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>InvokeAI: <c>invokeai_metadata</c> (3.x–6.x), <c>sd-metadata</c> (2.2–2.3) and <c>Dream</c> (≤ 2.1) command lines.</summary>
public sealed partial class InvokeAiParser : IMetadataParser
{
    public MetadataParseResult Parse(MetadataSource source)
    {
        if (source.Get("invokeai_metadata") is { } modern)
        {
            return Modern(modern);
        }

        if (source.Get("sd-metadata") is { } sdMetadata)
        {
            return SdMetadata(sdMetadata);
        }

        return source.Get("Dream") is { } dream ? Dream(dream) : MetadataParseResult.NotMine;
    }

    private static MetadataParseResult Modern(string text)
    {
        var metadata = new GenerationMetadata { Generator = "invokeai", Raw = text };
        using var document = Json.TryParse(text, out var error);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } m)
        {
            return MetadataParseResult.Malformed($"invokeai_metadata is not a JSON object ({error})", metadata);
        }

        metadata.Prompt = m.Str("positive_prompt");
        metadata.NegativePrompt = m.Str("negative_prompt");
        metadata.Seed = m.Seed("seed");
        metadata.Steps = m.Int("steps");
        metadata.CfgScale = m.Dbl("cfg_scale");
        metadata.Sampler = m.Str("scheduler");
        metadata.Width = m.Int("width");
        metadata.Height = m.Int("height");
        metadata.ClipSkip = m.Int("clip_skip") is > 0 and var skip ? skip : null;
        metadata.Denoise = m.Dbl("denoising_strength") ?? m.Dbl("strength");
        if (m.Prop("model") is { } model)
        {
            metadata.Model = model.ValueKind == JsonValueKind.String ? Json.Text(model) : model.Str("name") ?? model.Str("model_name");
            metadata.ModelHash = model.Str("hash");
        }

        metadata.Model ??= m.Str("model_name");
        if (m.Prop("vae") is { } vae)
        {
            metadata.Vae = vae.ValueKind == JsonValueKind.String ? Json.Text(vae) : vae.Str("name") ?? vae.Str("model_name");
        }

        if (m.Prop("loras") is { ValueKind: JsonValueKind.Array } loras)
        {
            foreach (var lora in loras.EnumerateArray())
            {
                var info = lora.Prop("model") ?? lora.Prop("lora");
                var name = info?.Str("name") ?? info?.Str("model_name");
                if (name is not null)
                {
                    metadata.Loras.Add(new LoraReference(name, lora.Dbl("weight"), info?.Str("hash")));
                }
            }
        }

        foreach (var key in (string[])["app_version", "generation_mode", "positive_style_prompt", "negative_style_prompt", "cfg_rescale_multiplier", "refiner_model", "upscale_model", "upscale_scale"])
        {
            if (m.Prop(key) is { } value)
            {
                metadata.Extra[key] = value.ValueKind == JsonValueKind.Object ? value.Str("name") ?? value.GetRawText() : Json.AsString(value) ?? value.GetRawText();
            }
        }

        return MetadataParseResult.Parsed(metadata);
    }

    private static MetadataParseResult SdMetadata(string text)
    {
        var metadata = new GenerationMetadata { Generator = "invokeai", Raw = text };
        using var document = Json.TryParse(text, out var error);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return MetadataParseResult.Malformed($"sd-metadata is not a JSON object ({error})", metadata);
        }

        metadata.Model = root.Str("model_weights") ?? root.Str("model");
        metadata.ModelHash = root.Str("model_hash");
        if (root.Str("app_version") is { } version)
        {
            metadata.Extra["app_version"] = version;
        }

        if (root.Prop("image") is { ValueKind: JsonValueKind.Object } image)
        {
            var prompt = image.Prop("prompt") switch
            {
                { ValueKind: JsonValueKind.Array } list when list.GetArrayLength() > 0 => list[0].Str("prompt"),
                { ValueKind: JsonValueKind.String } single => Json.Text(single),
                _ => null,
            };
            (metadata.Prompt, metadata.NegativePrompt) = SplitNegative(prompt);
            metadata.Steps = image.Int("steps");
            metadata.CfgScale = image.Dbl("cfg_scale");
            metadata.Seed = image.Seed("seed");
            metadata.Sampler = image.Str("sampler");
            metadata.Width = image.Int("width");
            metadata.Height = image.Int("height");
        }

        return MetadataParseResult.Parsed(metadata);
    }

    private static MetadataParseResult Dream(string text)
    {
        var metadata = new GenerationMetadata { Generator = "invokeai", Raw = text };
        var match = DreamPrompt().Match(text);
        if (!match.Success)
        {
            return MetadataParseResult.Malformed("Dream text has no quoted prompt", metadata);
        }

        (metadata.Prompt, metadata.NegativePrompt) = SplitNegative(match.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal));
        var flags = text[(match.Index + match.Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < flags.Length; i++)
        {
            var value = flags[i + 1];
            switch (flags[i])
            {
                case "-s": metadata.Steps = Numbers.Int(value); break;
                case "-S": metadata.Seed = Numbers.Seed(value); break;
                case "-W": metadata.Width = Numbers.Int(value); break;
                case "-H": metadata.Height = Numbers.Int(value); break;
                case "-C": metadata.CfgScale = Numbers.Double(value); break;
                case "-A": metadata.Sampler = value; break;
                default: continue;
            }

            i++;
        }

        return MetadataParseResult.Parsed(metadata);
    }

    /// <summary>InvokeAI 2.x keeps negative prompts inside square brackets in the prompt.</summary>
    private static (string? Prompt, string? Negative) SplitNegative(string? prompt)
    {
        if (prompt is null)
        {
            return (null, null);
        }

        var negatives = new List<string>();
        var positive = new StringBuilder();
        var depth = 0;
        var current = new StringBuilder();
        foreach (var c in prompt)
        {
            if (c == '[')
            {
                if (depth++ > 0)
                {
                    current.Append(c);
                }

                continue;
            }

            if (c == ']' && depth > 0)
            {
                if (--depth == 0)
                {
                    negatives.Add(current.ToString().Trim());
                    current.Clear();
                }
                else
                {
                    current.Append(c);
                }

                continue;
            }

            (depth > 0 ? current : positive).Append(c);
        }

        return (positive.ToString().Trim(), negatives.Count == 0 ? null : string.Join(", ", negatives));
    }

    [GeneratedRegex("^\\s*\"((?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DreamPrompt();
}
