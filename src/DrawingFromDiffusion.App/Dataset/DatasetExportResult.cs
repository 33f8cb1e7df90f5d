namespace DrawingFromDiffusion.App.Dataset;

/// <summary>An image left out of the set, and why.</summary>
/// <param name="KeptInstead">for a near-duplicate: the image kept in its place.</param>
public sealed record DroppedImage(long ImageId, string? Path, string Reason, long? KeptInstead = null, string? Tier = null);

/// <summary>One image written to the set: where from (with the source's hashes), where to, and its caption.</summary>
/// <param name="File">the image's path inside the output folder, with '/' separators.</param>
/// <param name="SourceHash">the catalog's content hash (XxHash128) of the source bytes.</param>
public sealed record ExportedImage(
    long ImageId,
    string Source,
    string SourceHash,
    string SourceSha256,
    string File,
    string Sha256,
    string? CaptionFile,
    string Caption,
    int Width,
    int Height);

/// <summary>What `dfd dataset export` wrote and left out; the same facts are in OUT/report.json and OUT/manifest.json.</summary>
public sealed record DatasetExportResult(
    string Out,
    string Format,
    string Collection,
    int Asked,
    IReadOnlyList<ExportedImage> Images,
    IReadOnlyList<DroppedImage> Dropped,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Notices);
