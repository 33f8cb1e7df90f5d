namespace DrawingFromDiffusion.App.Export;

/// <summary>One exported file: a flat record so CSV, JSON lines and Parquet share one schema.</summary>
public sealed class ExportRow
{
    public string Path { get; set; } = "";

    public long ImageId { get; set; }

    public string Hash { get; set; } = "";

    public int Width { get; set; }

    public int Height { get; set; }

    public string Format { get; set; } = "";

    public long Size { get; set; }

    public DateTime Modified { get; set; }

    public string? Generator { get; set; }

    public string? Prompt { get; set; }

    public string? NegativePrompt { get; set; }

    public string? Model { get; set; }

    public string? ModelHash { get; set; }

    public string? Seed { get; set; }

    public int? Steps { get; set; }

    public string? Sampler { get; set; }

    public string? Scheduler { get; set; }

    public double? CfgScale { get; set; }

    public int? GenWidth { get; set; }

    public int? GenHeight { get; set; }

    public string? Vae { get; set; }

    public int? ClipSkip { get; set; }

    public double? Denoise { get; set; }

    public string? Loras { get; set; }

    /// <summary>The `dfd dupes` group number (default tiers and settings); null when the file has no duplicate.</summary>
    public int? DuplicateGroup { get; set; }

    /// <summary>The tier that linked this file into its group; null for the keeper.</summary>
    public string? DuplicateTier { get; set; }

    public bool? DuplicateKeeper { get; set; }

    /// <summary>The cluster of the latest `dfd clusters` run; null when none was stored.</summary>
    public int? Cluster { get; set; }

    /// <summary>Stored prompt adherence (`dfd adherence`): cosine of the image and its own prompt; null when not scored.</summary>
    public double? Adherence { get; set; }

    /// <summary>The model whose text and image towers gave <see cref="Adherence"/>.</summary>
    public string? AdherenceModel { get; set; }

    /// <summary>The image vector of the exported model, only with --with-vectors.</summary>
    public float[]? Vector { get; set; }

    /// <summary>The flat row of one exported item.</summary>
    internal static ExportRow From(ExportItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var r = item.Record;
        var g = r.Generation;
        return new ExportRow
        {
            Path = r.Path,
            ImageId = r.ImageId,
            Hash = r.Hash,
            Width = r.Width,
            Height = r.Height,
            Format = r.Format,
            Size = r.Size,
            Modified = r.Modified.UtcDateTime,
            Generator = g?.Generator,
            Prompt = g?.Prompt,
            NegativePrompt = g?.NegativePrompt,
            Model = g?.Model,
            ModelHash = g?.ModelHash,
            Seed = g?.Seed,
            Steps = g?.Steps,
            Sampler = g?.Sampler,
            Scheduler = g?.Scheduler,
            CfgScale = g?.CfgScale,
            GenWidth = g?.Width,
            GenHeight = g?.Height,
            Vae = g?.Vae,
            ClipSkip = g?.ClipSkip,
            Denoise = g?.Denoise,
            Loras = g?.Loras,
            DuplicateGroup = item.Group,
            DuplicateTier = item.Tier,
            DuplicateKeeper = item.Keeper,
            Cluster = item.Cluster,
            Adherence = item.Adherence,
            AdherenceModel = item.AdherenceModel,
            Vector = item.Vector,
        };
    }
}
