using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.App.Dataset;

/// <summary>The layouts trainers read.</summary>
public enum DatasetFormat
{
    /// <summary>kohya_ss / sd-scripts DreamBooth folders: OUT/&lt;repeats&gt;_&lt;concept&gt;/NAME.png + NAME.txt.</summary>
    Kohya,

    /// <summary>Hugging Face imagefolder (diffusers' train_text_to_image*): OUT/NAME.png + OUT/metadata.jsonl (file_name, text).</summary>
    Diffusers,

    /// <summary>OUT/images/NAME.png + OUT/dataset.jsonl with the caption and the catalog facts of each image.</summary>
    Jsonl,
}

/// <summary>Where captions come from.</summary>
public enum CaptionSource
{
    /// <summary>The stored prompt, cleaned of LoRA tags and emphasis syntax.</summary>
    Prompt,

    /// <summary>The stored tags (manual first, then the tagger packs'), comma-separated.</summary>
    Tags,
}

/// <summary>`dfd dataset export`: a collection (narrowed by <paramref name="Filters"/>) as a training set in <paramref name="Out"/>.</summary>
/// <param name="Dedupe">the duplicate tiers whose non-keepers are left out (as `dfd dupes --tier`), or null to keep every image.</param>
/// <param name="Buckets">side lengths of the aspect buckets to resize to; null copies the originals' bytes unchanged.</param>
/// <param name="Overwrite">replace an earlier dfd export in <paramref name="Out"/> (only the files its manifest lists).</param>
public sealed record DatasetExportRequest(
    string Collection,
    string Out,
    DatasetFormat Format,
    int Repeats = 10,
    string? Concept = null,
    string? Trigger = null,
    CaptionSource Caption = CaptionSource.Prompt,
    string? Dedupe = Duplicates.TierSelection.Default,
    IReadOnlyList<int>? Buckets = null,
    bool Overwrite = false)
{
    /// <summary>Further filters (tag, rating, …) applied to the collection's images.</summary>
    public SearchFilters Filters { get; init; } = new();
}
