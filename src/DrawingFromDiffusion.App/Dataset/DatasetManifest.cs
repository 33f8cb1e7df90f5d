using DrawingFromDiffusion.App.Contracts;

namespace DrawingFromDiffusion.App.Dataset;

/// <summary>
/// OUT/manifest.json: what was exported from where, with the content hashes of sources and outputs, and the options,
/// so that the same set can be rebuilt (and checked) later; `--overwrite` deletes only what an earlier one lists.
/// </summary>
/// <param name="Files">the other files the export wrote (metadata.jsonl, dataset.jsonl), relative to OUT.</param>
internal sealed record DatasetManifest(
    string Generator,
    int Version,
    DateTimeOffset Created,
    string Catalog,
    string Collection,
    string Format,
    DatasetManifestOptions Options,
    IReadOnlyList<string> Files,
    IReadOnlyList<ExportedImage> Images)
{
    public const string FileName = "manifest.json";

    public const string ReportFileName = "report.json";

    public const string Marker = "dfd dataset export";

    public static System.Text.Json.JsonSerializerOptions Json => JsonShape.Options;
}

/// <summary>The options an export ran with, as given.</summary>
internal sealed record DatasetManifestOptions(
    int Repeats,
    string? Concept,
    string? Trigger,
    string Caption,
    string? Dedupe,
    IReadOnlyList<int>? Buckets,
    string? Tag,
    int? RatingMin);

/// <summary>OUT/report.json: what was written and what was left out, and why.</summary>
internal sealed record DatasetReport(string Collection, int Asked, int Exported, IReadOnlyList<DroppedImage> Dropped, IReadOnlyList<string> Warnings);
