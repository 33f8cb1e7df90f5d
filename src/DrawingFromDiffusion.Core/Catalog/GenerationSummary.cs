namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>The generation fields `dfd export` writes beside each file; <paramref name="Loras"/> is "name:weight; …".</summary>
public sealed record GenerationSummary(
    string? Generator,
    string? Prompt,
    string? NegativePrompt,
    string? Model,
    string? ModelHash,
    string? Seed,
    int? Steps,
    string? Sampler,
    string? Scheduler,
    double? CfgScale,
    int? Width,
    int? Height,
    string? Vae,
    int? ClipSkip,
    double? Denoise,
    string? Loras);
