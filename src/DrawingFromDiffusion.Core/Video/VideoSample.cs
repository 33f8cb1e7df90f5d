namespace DrawingFromDiffusion.Core.Video;

/// <summary>The result of sampling one video.</summary>
/// <param name="MetadataTexts">raw generation texts by key (prompt, workflow, comment…), unparsed.</param>
/// <param name="Notes">non-fatal problems, e.g. frames that could not be decoded in a truncated file.</param>
public sealed record VideoSample(
    VideoInfo Info,
    IReadOnlyList<SampledFrame> Frames,
    IReadOnlyDictionary<string, string> MetadataTexts,
    IReadOnlyList<string> Notes);
