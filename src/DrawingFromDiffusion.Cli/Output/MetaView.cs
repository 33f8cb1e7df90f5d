using DrawingFromDiffusion.Core.Metadata;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>The flat shape `dfd meta --json` prints: status, then every field of the normalised record.</summary>
internal sealed record MetaView
{
    public required string File { get; init; }

    /// <summary>parsed, malformed, or none ("no generation metadata").</summary>
    public required string Status { get; init; }

    public string? Reason { get; init; }

    public string? Generator { get; init; }

    public string? Prompt { get; init; }

    public string? NegativePrompt { get; init; }

    public string? Model { get; init; }

    public string? ModelHash { get; init; }

    public decimal? Seed { get; init; }

    public int? Steps { get; init; }

    public string? Sampler { get; init; }

    public string? Scheduler { get; init; }

    public double? CfgScale { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public IReadOnlyList<LoraReference> Loras { get; init; } = [];

    public IReadOnlyList<EmbeddingReference> Embeddings { get; init; } = [];

    public string? Vae { get; init; }

    public int? ClipSkip { get; init; }

    public double? Denoise { get; init; }

    public HiresInfo? Hires { get; init; }

    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    public C2paInfo? C2pa { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public string? Raw { get; init; }

    public static MetaView From(string path, MetadataParseResult result, bool includeRaw)
    {
        var m = result.Metadata;
        return new MetaView
        {
            File = path,
            Status = result.Status switch { ParseStatus.Parsed => "parsed", ParseStatus.Malformed => "malformed", _ => "none" },
            Reason = result.Status == ParseStatus.NotMine ? "no generation metadata" : result.Reason,
            Generator = m?.Generator,
            Prompt = m?.Prompt,
            NegativePrompt = m?.NegativePrompt,
            Model = m?.Model,
            ModelHash = m?.ModelHash,
            Seed = m?.Seed,
            Steps = m?.Steps,
            Sampler = m?.Sampler,
            Scheduler = m?.Scheduler,
            CfgScale = m?.CfgScale,
            Width = m?.Width,
            Height = m?.Height,
            Loras = m?.Loras ?? [],
            Embeddings = m?.Embeddings ?? [],
            Vae = m?.Vae,
            ClipSkip = m?.ClipSkip,
            Denoise = m?.Denoise,
            Hires = m?.Hires,
            Extra = m?.Extra ?? new SortedDictionary<string, string>(StringComparer.Ordinal),
            C2pa = m?.C2pa,
            Warnings = m?.Warnings ?? [],
            Raw = includeRaw ? m?.Raw : null,
        };
    }
}
