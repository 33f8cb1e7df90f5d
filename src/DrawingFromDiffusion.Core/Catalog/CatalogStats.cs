namespace DrawingFromDiffusion.Core.Catalog;

/// <param name="Images">distinct contents with a file: still images and videos (their sampled frames are counted apart).</param>
public sealed record CatalogStats(
    string CatalogPath,
    long CatalogBytes,
    int SchemaVersion,
    long Images,
    long Files,
    long Errors,
    long WithGeneration,
    IReadOnlyDictionary<string, long> Formats,
    IReadOnlyDictionary<string, long> Embeddings,
    DateTimeOffset? LastScan)
{
    /// <summary>Videos and animations among <see cref="Images"/>.</summary>
    public long Videos { get; init; }

    /// <summary>Frames sampled from them, each catalogued (and embedded) as an image of its own.</summary>
    public long VideoFrames { get; init; }
}
