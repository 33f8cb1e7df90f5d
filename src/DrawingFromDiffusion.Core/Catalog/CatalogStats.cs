namespace DrawingFromDiffusion.Core.Catalog;

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
    DateTimeOffset? LastScan);
