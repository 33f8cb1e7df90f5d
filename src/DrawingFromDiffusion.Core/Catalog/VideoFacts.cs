using DrawingFromDiffusion.Core.Video;

namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>What sampling a video yields for the catalog: the stream's facts, each kept frame, the raw generation texts.</summary>
/// <param name="MetadataTexts">unparsed texts by key (prompt, workflow, comment…), from the container tags or the side-car PNG.</param>
/// <param name="Notes">non-fatal problems met while sampling.</param>
public sealed record VideoFacts(
    VideoInfo Info,
    IReadOnlyList<FrameFacts> Frames,
    IReadOnlyDictionary<string, string> MetadataTexts,
    IReadOnlyList<string> Notes);
