using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.App.Querying;

/// <summary>One search or similar result and why it matched.</summary>
/// <param name="Score">the ranking score: cosine similarity (clip, similar), RRF score (hybrid) or −BM25 (prompt).</param>
/// <param name="Similarity">cosine between the query vector and the image's vector, when the vector ranking saw it.</param>
/// <param name="ClipRank">1-based rank in the vector ranking.</param>
/// <param name="PromptRank">1-based rank in the prompt (BM25) ranking.</param>
/// <param name="Bm25">the FTS5 BM25 score (lower is better), when the prompt ranking saw it.</param>
/// <param name="Frames">for a video: its frames that matched, best first (the first is where to play from); empty for an image.</param>
internal sealed record ResultItem(CatalogRow Row, double Score, double? Similarity, int? ClipRank, int? PromptRank, double? Bm25, string Why, IReadOnlyList<FrameMatch> Frames)
{
    public FrameMatch? BestFrame => Frames.Count > 0 ? Frames[0] : null;
}
