namespace DrawingFromDiffusion.Core.Metadata;

public enum ParseStatus
{
    /// <summary>The format was recognised and read.</summary>
    Parsed,

    /// <summary>The text is not this parser's format (or the file has no generation metadata at all).</summary>
    NotMine,

    /// <summary>The format was recognised but is broken; <see cref="MetadataParseResult.Metadata"/> holds what could be read.</summary>
    Malformed,
}
