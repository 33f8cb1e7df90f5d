namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>What one decode of an image yields for the catalog.</summary>
public sealed record ImageFacts(
    ImageFormat Format,
    int Width,
    int Height,
    ulong PHash,
    ulong DHash,
    byte[] Thumbnail);
