using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>Stability Matrix Inference: <c>parameters-json</c> (preferred) beside A1111 text, <c>smproj</c> and a ComfyUI graph.</summary>
public sealed class StabilityMatrixParser : IMetadataParser
{
    public MetadataParseResult Parse(MetadataSource source)
    {
        var json = source.Get("parameters-json");
        if (json is null && source.Get("smproj") is null)
        {
            return MetadataParseResult.NotMine;
        }

        GenerationMetadata? metadata = null;
        if (source.Get("parameters") is { } text && !Json.LooksLikeJsonObject(text))
        {
            metadata = A1111Parser.ParseText(text, strict: false).Metadata;
        }

        metadata ??= new GenerationMetadata { Generator = "stability-matrix" };
        metadata.Generator = "stability-matrix";
        using var document = Json.TryParse(json, out var error);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } p)
        {
            return json is null
                ? MetadataParseResult.Parsed(metadata)
                : MetadataParseResult.Malformed($"parameters-json is not valid JSON ({error})", metadata);
        }

        metadata.Raw = json;
        metadata.Prompt = p.Str("PositivePrompt") ?? metadata.Prompt;
        metadata.NegativePrompt = p.Str("NegativePrompt") ?? metadata.NegativePrompt;
        metadata.Steps = p.Int("Steps") ?? metadata.Steps;
        metadata.Sampler = p.Str("Sampler") ?? metadata.Sampler;
        metadata.Scheduler = p.Str("Scheduler") ?? metadata.Scheduler;
        metadata.CfgScale = p.Dbl("CfgScale") ?? metadata.CfgScale;
        metadata.Seed = p.Seed("Seed") ?? metadata.Seed;
        metadata.Width = p.Int("Width") ?? metadata.Width;
        metadata.Height = p.Int("Height") ?? metadata.Height;
        metadata.Model = p.Str("ModelName") ?? metadata.Model;
        metadata.ModelHash = p.Str("ModelHash") ?? metadata.ModelHash;
        metadata.Denoise = p.Dbl("Denoise") ?? metadata.Denoise;
        return MetadataParseResult.Parsed(metadata);
    }
}
