namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>The generation parameters the variation tier compares, for one image.</summary>
/// <param name="Loras">LoRA names with weights, sorted, e.g. "detail:0.8".</param>
public sealed record GenerationLineage(
    long ImageId,
    string? Prompt,
    long? Seed,
    int? Steps,
    double? CfgScale,
    string? Sampler,
    string? Model,
    int? Width,
    int? Height,
    string? Loras = null);
