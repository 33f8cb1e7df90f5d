namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>Two candidates (positions in the candidate list) that a tier found to be the same picture.</summary>
/// <param name="Distance">the tier's own measure: bits for hashes, cosine distance for embeddings, 0 when identical.</param>
/// <param name="Detail">what the distance is made of, for people (e.g. "pHash 4, dHash 7").</param>
/// <param name="Tentative">
/// a link short of sure (a pixel correlation between the visual tier's bar and <see cref="VisualRule.SureCorrelation"/>):
/// it may bring a file into a group, but never joins two groups that each have a sure link (see <see cref="DuplicateGrouper"/>).
/// </param>
/// <param name="Strength">orders tentative links, strongest first (the pixel correlation).</param>
public readonly record struct DuplicateLink(int A, int B, DuplicateTier Tier, double Distance, string? Detail = null, bool Tentative = false, double Strength = 0);
