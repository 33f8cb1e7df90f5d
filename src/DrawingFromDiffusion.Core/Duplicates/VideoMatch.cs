namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>Two videos showing the same footage.</summary>
/// <param name="Shorter">the video whose frames were matched (the trimmed one for a trim).</param>
/// <param name="Longer">the video they were found in.</param>
/// <param name="Coverage">share of the shorter video's frames found, in order, in the longer one.</param>
/// <param name="OffsetMs">where the shorter one starts inside the longer one (0 for a re-encode).</param>
/// <param name="IsTrim">false when both have about the same length: a re-encode (or copy with other bytes).</param>
public sealed record VideoMatch(long Shorter, long Longer, double Coverage, long OffsetMs, bool IsTrim);
