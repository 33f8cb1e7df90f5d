namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>Where in the pipeline a file failed; stored in the errors table.</summary>
public enum ScanStage
{
    Read,
    Decode,
    Metadata,
    Embed,
}
