namespace DrawingFromDiffusion.App.Contracts;

/// <summary>What the filter controls offer: values with their image counts, the seed range, and the search modes this catalog and pack can run.</summary>
public sealed record Facets(
    long Images,
    IReadOnlyList<FacetCount> Generators,
    IReadOnlyList<FacetCount> Checkpoints,
    IReadOnlyList<FacetCount> Loras,
    long? SeedMin,
    long? SeedMax,
    IReadOnlyList<string> Modes);
