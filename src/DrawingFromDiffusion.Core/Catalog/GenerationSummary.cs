using System.Text.Json;

namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>
/// The parsed generation metadata of one image (the `generation` table): what `dfd export` writes beside each file and
/// what the web page shows of an image. <paramref name="Loras"/> is "name:weight; …".
/// </summary>
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
    string? Loras)
{
    /// <summary>Other parameters the parser kept (a JSON object), when asked for: the web page shows them; export leaves them out.</summary>
    public JsonElement? Extra { get; init; }

    /// <summary>The metadata text the fields were parsed from, when asked for.</summary>
    public string? Raw { get; init; }
}
