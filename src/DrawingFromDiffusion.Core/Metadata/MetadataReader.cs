using System.Text.Json;
using System.Text.RegularExpressions;
using DrawingFromDiffusion.Core.Metadata.Containers;
using DrawingFromDiffusion.Core.Metadata.Parsers;

namespace DrawingFromDiffusion.Core.Metadata;

/// <summary>
/// File bytes → container texts → the first generator format that claims them, most specific first
/// (spec §2). Stealth pixels are read only when no text matched. Never throws on bad input.
/// </summary>
public sealed class MetadataReader(IStealthTextReader? stealth = null)
{
    private static readonly IMetadataParser[] _parsers =
    [
        new InvokeAiParser(),
        new NovelAiParser(),
        new DrawThingsParser(),
        new TensorArtParser(),
        new StabilityMatrixParser(),
        new CivitaiJsonParser(),
        new SwarmUiParser(),
        new FooocusParser(),
        new EasyDiffusionParser(),
        new ComfyUiParser(),
        new MidjourneyParser(),
        new HfSpaceParser(),
        new A1111Parser(),
    ];

    /// <summary>Parses a whole file's bytes. <see cref="ParseStatus.NotMine"/> means "no generation metadata".</summary>
    public MetadataParseResult Read(byte[] data)
    {
        var source = ContainerReader.Read(data, ContainerLimits.Default);
        var result = Parse(source);
        if (result.Status == ParseStatus.NotMine && source.MayHideStealthText && stealth is not null && stealth.TryRead(data) is { } hidden)
        {
            result = ParseStealth(hidden);
        }

        if (result.Status == ParseStatus.NotMine && source.C2pa is not null)
        {
            result = MetadataParseResult.Parsed(new GenerationMetadata { Generator = "c2pa" });
        }

        if (result.Metadata is { } metadata)
        {
            metadata.C2pa ??= source.C2pa;
            metadata.Warnings.InsertRange(0, source.Warnings);
        }

        return result;
    }

    /// <summary>Runs the parsers over already collected texts.</summary>
    public static MetadataParseResult Parse(MetadataSource source)
    {
        if (source.Texts.Count == 0)
        {
            return MetadataParseResult.NotMine;
        }

        foreach (var parser in _parsers)
        {
            var result = Guard(parser, source);
            if (result.Status != ParseStatus.NotMine)
            {
                return result;
            }
        }

        return MetadataParseResult.NotMine;
    }

    private static MetadataParseResult ParseStealth(MetadataText hidden)
    {
        MetadataParseResult result;
        using var document = Json.LooksLikeJsonObject(hidden.Value) ? Json.TryParse(hidden.Value, out _) : null;
        if (document?.RootElement is { ValueKind: JsonValueKind.Object } root)
        {
            var texts = root.EnumerateObject()
                .Select(p => new MetadataText(p.Name, p.Value.ValueKind == JsonValueKind.String ? Json.Text(p.Value) ?? "" : p.Value.GetRawText(), hidden.Location))
                .ToList();
            result = Parse(new MetadataSource(Catalog.ImageFormat.Png, texts));
        }
        else
        {
            result = A1111Parser.ParseText(hidden.Value, strict: false);
        }

        result.Metadata?.Warnings.Add($"read from pixel steganography ({hidden.Key})");
        return result;
    }

    private static MetadataParseResult Guard(IMetadataParser parser, MetadataSource source)
    {
        try
        {
            return parser.Parse(source);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException
            or IndexOutOfRangeException or KeyNotFoundException or RegexMatchTimeoutException or JsonException)
        {
            // A parser bug must not cost the scan: the file is recorded as malformed with the reason.
            return MetadataParseResult.Malformed($"{parser.GetType().Name} failed: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
