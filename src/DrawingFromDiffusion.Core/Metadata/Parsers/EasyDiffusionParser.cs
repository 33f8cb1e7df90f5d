using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>Easy Diffusion: one PNG text chunk per field, or the same keys as UserComment JSON; recognised by <c>use_stable_diffusion_model</c>.</summary>
public sealed class EasyDiffusionParser : IMetadataParser
{
    public MetadataParseResult Parse(MetadataSource source)
    {
        Func<string, string?> get;
        JsonDocument? document = null;
        try
        {
            if (source.Get("use_stable_diffusion_model") is not null || source.Get("Stable Diffusion model") is not null)
            {
                get = source.Get;
            }
            else if (source.Get("UserComment") is { } comment && comment.Contains("use_stable_diffusion_model", StringComparison.Ordinal))
            {
                document = Json.TryParse(comment, out var error);
                if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
                {
                    return MetadataParseResult.Malformed($"Easy Diffusion JSON is not valid ({error})", new GenerationMetadata { Generator = "easydiffusion", Raw = comment });
                }

                get = key => root.Str(key);
            }
            else
            {
                return MetadataParseResult.NotMine;
            }

            var model = get("use_stable_diffusion_model") ?? get("Stable Diffusion model");
            var metadata = new GenerationMetadata
            {
                Generator = "easydiffusion",
                Prompt = get("prompt") ?? get("Prompt"),
                NegativePrompt = get("negative_prompt") ?? get("Negative Prompt"),
                Seed = Numbers.Seed(get("seed") ?? get("Seed")),
                Model = model is null ? null : Path.GetFileName(model.Replace('\\', '/')),
                Vae = get("use_vae_model") ?? get("VAE model"),
                Sampler = get("sampler_name") ?? get("Sampler"),
                Width = Numbers.Int(get("width") ?? get("Width")),
                Height = Numbers.Int(get("height") ?? get("Height")),
                Steps = Numbers.Int(get("num_inference_steps") ?? get("Steps")),
                CfgScale = Numbers.Double(get("guidance_scale") ?? get("Guidance Scale")),
                Denoise = Numbers.Double(get("prompt_strength") ?? get("Prompt Strength")),
            };
            metadata.ClipSkip = get("clip_skip") is { } clip ? (clip.Equals("true", StringComparison.OrdinalIgnoreCase) ? 2 : Numbers.Int(clip)) : null;
            metadata.Raw = document?.RootElement.GetRawText() ?? string.Join("\n", source.Texts.Select(t => $"{t.Key}: {t.Value}"));
            if (get("use_lora_model") is { } lora && lora.Length > 0 && lora != "None")
            {
                var names = lora.Trim('[', ']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var weights = (get("lora_alpha") ?? "").Trim('[', ']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < names.Length; i++)
                {
                    metadata.Loras.Add(new LoraReference(Path.GetFileName(names[i].Trim('"', '\'').Replace('\\', '/')), i < weights.Length ? Numbers.Double(weights[i]) : null));
                }
            }

            return MetadataParseResult.Parsed(metadata);
        }
        finally
        {
            document?.Dispose();
        }
    }
}
