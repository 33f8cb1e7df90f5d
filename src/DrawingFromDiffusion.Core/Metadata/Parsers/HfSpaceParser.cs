using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>Gradio SDXL Spaces (Animagine-style): <c>parameters</c> JSON with <c>resolution</c>, <c>guidance_scale</c>, <c>num_inference_steps</c>.</summary>
public sealed class HfSpaceParser : IMetadataParser
{
    public MetadataParseResult Parse(MetadataSource source)
    {
        var text = source.Get("parameters");
        if (!Json.LooksLikeJsonObject(text) || !text!.Contains("\"resolution\"", StringComparison.Ordinal))
        {
            return MetadataParseResult.NotMine;
        }

        using var document = Json.TryParse(text, out _);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } j || (j.Prop("num_inference_steps") is null && j.Prop("Model") is null))
        {
            return MetadataParseResult.NotMine;
        }

        var metadata = new GenerationMetadata
        {
            Generator = "hf-space",
            Raw = text,
            Prompt = j.Str("prompt"),
            NegativePrompt = j.Str("negative_prompt"),
            CfgScale = j.Dbl("guidance_scale"),
            Steps = j.Int("num_inference_steps"),
            Seed = j.Seed("seed"),
            Sampler = j.Str("sampler"),
            Model = j.Str("Model"),
            ModelHash = j.Str("Model hash"),
        };
        if (Numbers.Size(j.Str("resolution")) is { } size)
        {
            (metadata.Width, metadata.Height) = size;
        }

        if (j.Prop("use_upscaler") is { ValueKind: JsonValueKind.Object } upscaler)
        {
            metadata.Hires = new HiresInfo { Scale = upscaler.Dbl("upscale_by"), Upscaler = upscaler.Str("upscale_method"), Denoise = upscaler.Dbl("upscaler_strength") };
        }

        return MetadataParseResult.Parsed(metadata);
    }
}
