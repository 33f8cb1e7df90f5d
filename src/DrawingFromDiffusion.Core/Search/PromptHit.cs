namespace DrawingFromDiffusion.Core.Search;

/// <summary>One image found by prompt words and/or filters. <paramref name="Score"/> is BM25 (lower is better) when words were given.</summary>
public sealed record PromptHit(
    long ImageId,
    string Path,
    string? Generator,
    string? Model,
    string? Seed,
    int? Steps,
    string? Sampler,
    double? CfgScale,
    int? Width,
    int? Height,
    string? Prompt,
    double? Score);
