namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>Two candidates (positions in the candidate list) that a tier found to be the same picture.</summary>
/// <param name="Distance">the tier's own measure: bits for hashes, cosine distance for embeddings, 0 when identical.</param>
/// <param name="Detail">what the distance is made of, for people (e.g. "pHash 4, dHash 7").</param>
public readonly record struct DuplicateLink(int A, int B, DuplicateTier Tier, double Distance, string? Detail = null);
