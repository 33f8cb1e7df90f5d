namespace DrawingFromDiffusion.Core.Search;

/// <summary>What a search result shows of a catalogued image: its first path, its generation summary and stored adherence.</summary>
/// <param name="Modified">the newest modification time among the image's files (for --sort date).</param>
/// <param name="Adherence">cosine between the image and its own prompt (see `dfd adherence`); null when not computed.</param>
public sealed record CatalogRow(
    long ImageId,
    string Path,
    int Width,
    int Height,
    string? Generator,
    string? Model,
    string? Seed,
    string? Prompt,
    DateTimeOffset? Modified,
    double? Adherence,
    string Format = "");
