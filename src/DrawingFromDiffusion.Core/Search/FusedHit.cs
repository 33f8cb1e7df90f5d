namespace DrawingFromDiffusion.Core.Search;

/// <summary>
/// One key after reciprocal-rank fusion: its fused score and its 1-based rank in each input ranking (null where absent),
/// so a result can say why it matched.
/// </summary>
public sealed record FusedHit(long Key, double Score, IReadOnlyList<int?> Ranks);
