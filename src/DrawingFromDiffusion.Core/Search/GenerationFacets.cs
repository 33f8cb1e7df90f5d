namespace DrawingFromDiffusion.Core.Search;

/// <summary>"Which tools, models and LoRAs did we use": counts over the catalog's generation records.</summary>
public sealed record GenerationFacets(
    long ImagesWithMetadata,
    IReadOnlyList<FacetCount> Generators,
    IReadOnlyList<FacetCount> Models,
    IReadOnlyList<FacetCount> Loras,
    IReadOnlyList<FacetCount> Samplers);
