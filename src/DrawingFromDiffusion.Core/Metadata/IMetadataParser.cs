namespace DrawingFromDiffusion.Core.Metadata;

/// <summary>One generator's format. Implementations never throw on bad input.</summary>
public interface IMetadataParser
{
    MetadataParseResult Parse(MetadataSource source);
}
