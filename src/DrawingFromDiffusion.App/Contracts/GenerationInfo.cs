using System.Text.Json;

namespace DrawingFromDiffusion.App.Contracts;

/// <summary>The parsed generation metadata of one image (the `generation` table).</summary>
public sealed record GenerationInfo(
    string? Generator,
    string? Prompt,
    string? NegativePrompt,
    string? Checkpoint,
    string? CheckpointHash,
    long? Seed,
    int? Steps,
    string? Sampler,
    string? Scheduler,
    double? CfgScale,
    int? Width,
    int? Height,
    string? Vae,
    int? ClipSkip,
    double? Denoise,
    JsonElement? Extra,
    string? Raw);
