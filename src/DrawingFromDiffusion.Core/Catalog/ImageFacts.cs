namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>What one decode of an image yields for the catalog.</summary>
public sealed record ImageFacts(
    ImageFormat Format,
    int Width,
    int Height,
    ulong PHash,
    ulong DHash,
    byte[] Thumbnail)
{
    /// <summary>
    /// The active model's input made from this same decode (the scan then needs no second read and decode for the
    /// embedding); null without a model, or when this decode could not serve it (the embedding pass then prepares it).
    /// </summary>
    public Embeddings.ImageTensor? ModelInput { get; init; }
}
