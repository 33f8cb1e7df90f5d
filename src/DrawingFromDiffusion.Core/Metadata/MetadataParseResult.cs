namespace DrawingFromDiffusion.Core.Metadata;

/// <summary>What a parser made of a file's metadata. Parsers return this instead of throwing on bad input.</summary>
public sealed record MetadataParseResult(ParseStatus Status, GenerationMetadata? Metadata, string? Reason)
{
    public static MetadataParseResult NotMine { get; } = new(ParseStatus.NotMine, null, null);

    public static MetadataParseResult Parsed(GenerationMetadata metadata) => new(ParseStatus.Parsed, metadata, null);

    public static MetadataParseResult Malformed(string reason, GenerationMetadata? partial = null) => new(ParseStatus.Malformed, partial, reason);
}
