using System.Text.Json;
using DrawingFromDiffusion.Core.Metadata.Containers;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>Draw Things: XMP with <c>xmp:CreatorTool</c> "Draw Things" and the settings as JSON in <c>exif:UserComment</c>.</summary>
public sealed class DrawThingsParser : IMetadataParser
{
    public MetadataParseResult Parse(MetadataSource source)
    {
        var xmp = source.Get("XML:com.adobe.xmp") ?? source.Get("XMP");
        if (xmp is null || !xmp.Contains("Draw Things", StringComparison.Ordinal))
        {
            return MetadataParseResult.NotMine;
        }

        var metadata = new GenerationMetadata { Generator = "draw-things", Raw = xmp };
        var comment = XmpText.Property(xmp, "exif:UserComment");
        using var document = Json.TryParse(comment, out var error);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } j)
        {
            if (XmpText.Property(xmp, "dc:description") is { } description && A1111Parser.ParseText(description, strict: true).Metadata is { } fromText)
            {
                fromText.Generator = "draw-things";
                return MetadataParseResult.Parsed(fromText);
            }

            return MetadataParseResult.Malformed($"Draw Things UserComment is not JSON ({error})", metadata);
        }

        metadata.Raw = comment;
        metadata.Prompt = j.Str("c");
        metadata.NegativePrompt = j.Str("uc");
        metadata.Model = j.Str("model");
        metadata.Sampler = j.Str("sampler");
        metadata.CfgScale = j.Dbl("scale");
        metadata.Seed = j.Seed("seed");
        metadata.Steps = j.Int("steps");
        metadata.Denoise = j.Dbl("strength");
        if (Numbers.Size(j.Str("size")) is { } size)
        {
            (metadata.Width, metadata.Height) = size;
        }

        if (j.Prop("lora") is { ValueKind: JsonValueKind.Array } loras)
        {
            foreach (var lora in loras.EnumerateArray())
            {
                if (lora.Str("file") is { } file)
                {
                    metadata.Loras.Add(new LoraReference(file, lora.Dbl("weight")));
                }
            }
        }

        return MetadataParseResult.Parsed(metadata);
    }
}
