using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>Tensor.Art: <c>generation_data</c> JSON (trailing NUL, seed often "-1") plus a ComfyUI graph that holds the real seed.</summary>
public sealed class TensorArtParser : IMetadataParser
{
    public MetadataParseResult Parse(MetadataSource source)
    {
        if (source.Get("generation_data") is not { } text)
        {
            return MetadataParseResult.NotMine;
        }

        var graph = source.Get("prompt") is { } prompt ? ComfyUiParser.ParseGraphs(prompt, null, "tensorart").Metadata : null;
        var metadata = graph ?? new GenerationMetadata { Generator = "tensorart" };
        metadata.Raw = text.TrimEnd('\0');
        using var document = Json.TryParse(text, out var error);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } g)
        {
            return MetadataParseResult.Malformed($"generation_data is not valid JSON ({error})", metadata);
        }

        metadata.Prompt = g.Str("prompt") ?? metadata.Prompt;
        metadata.NegativePrompt = g.Str("negativePrompt") ?? metadata.NegativePrompt;
        metadata.Width = g.Int("width") ?? metadata.Width;
        metadata.Height = g.Int("height") ?? metadata.Height;
        metadata.Steps = g.Int("steps") ?? metadata.Steps;
        metadata.CfgScale = g.Dbl("cfgScale") ?? metadata.CfgScale;
        metadata.ClipSkip = g.Int("clipSkip") ?? metadata.ClipSkip;
        metadata.Sampler = g.Str("ksamplerName") ?? metadata.Sampler;
        metadata.Scheduler = g.Str("schedule") ?? metadata.Scheduler;
        if (g.Seed("seed") is { } seed && seed != -1)
        {
            metadata.Seed = seed;
        }

        if (g.Prop("baseModel") is { ValueKind: JsonValueKind.Object } model)
        {
            metadata.Model = model.Str("modelFileName") ?? model.Str("label") ?? metadata.Model;
            metadata.ModelHash = model.Str("hash") ?? metadata.ModelHash;
            if (model.Str("baseModel") is { } family)
            {
                metadata.Extra["base_model"] = family;
            }
        }

        if (g.Str("sdVae") is { } vae && vae is not ("Automatic" or "None"))
        {
            metadata.Vae = vae;
        }

        if (g.Prop("models") is { ValueKind: JsonValueKind.Array } models)
        {
            metadata.Loras.Clear();
            foreach (var lora in models.EnumerateArray())
            {
                if ((lora.Str("modelFileName") ?? lora.Str("label")) is { } name)
                {
                    metadata.Loras.Add(new LoraReference(name, lora.Dbl("weight"), lora.Str("hash")));
                }
            }
        }

        return MetadataParseResult.Parsed(metadata);
    }
}
