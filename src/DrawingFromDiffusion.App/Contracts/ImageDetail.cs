using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Tagging;

namespace DrawingFromDiffusion.App.Contracts;

/// <summary>Everything the catalog knows of one image, plus its duplicate group and style cluster when the analysis has them.</summary>
/// <param name="Tags">tags from tagger packs (`dfd tag --auto`), best first; empty when none tagged it.</param>
public sealed record ImageDetail(
    long Id,
    string ContentHash,
    string Format,
    int Width,
    int Height,
    long ByteSize,
    string? PHash,
    string Kind,
    DateTimeOffset AddedAt,
    GenerationSummary? Generation,
    IReadOnlyList<LoraUse> Loras,
    IReadOnlyList<ImageFile> Files,
    DuplicateGroup? DuplicateGroup = null,
    ClusterInfo? Cluster = null,
    VideoDetail? Video = null,
    IReadOnlyList<ImageTag>? Tags = null);
