namespace DrawingFromDiffusion.Core.Metadata;

/// <summary>
/// The normalised generation record, whatever tool wrote it. Every field is optional: a parser fills what
/// its format carries and leaves the rest null. Text fields keep the writer's exact characters.
/// </summary>
public sealed class GenerationMetadata
{
    /// <summary>Tool id: sd-webui, forge, reforge, easy-reforge, sd-next, comfyui, invokeai, novelai, swarmui, fooocus, …</summary>
    public required string Generator { get; set; }

    public string? Prompt { get; set; }

    public string? NegativePrompt { get; set; }

    public string? Model { get; set; }

    /// <summary>As written (10-hex AutoV2, 64-hex SHA-256, <c>blake3:…</c>, <c>0x…</c>); not normalised.</summary>
    public string? ModelHash { get; set; }

    /// <summary>Decimal, not long or double: ComfyUI seeds reach 2^64−1 and a few tools write negative seeds.</summary>
    public decimal? Seed { get; set; }

    public int? Steps { get; set; }

    public string? Sampler { get; set; }

    public string? Scheduler { get; set; }

    public double? CfgScale { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }

    public List<LoraReference> Loras { get; } = [];

    /// <summary>Textual-inversion embeddings named in the metadata (A1111 <c>TI hashes</c>, <c>Hashes</c> <c>embed:</c> keys).</summary>
    public List<EmbeddingReference> Embeddings { get; } = [];

    public string? Vae { get; set; }

    public int? ClipSkip { get; set; }

    public double? Denoise { get; set; }

    public HiresInfo? Hires { get; set; }

    /// <summary>Tool-specific values that have no normalised field (version, styles, character prompts…).</summary>
    public SortedDictionary<string, string> Extra { get; } = new(StringComparer.Ordinal);

    public C2paInfo? C2pa { get; set; }

    /// <summary>The text the record was parsed from, kept for search and re-parsing.</summary>
    public string? Raw { get; set; }

    /// <summary>Things a person may want to know: truncated chunks, values that did not parse, inferred fields.</summary>
    public List<string> Warnings { get; } = [];
}
