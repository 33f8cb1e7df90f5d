namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>A sampled frame's time and perceptual hash.</summary>
public readonly record struct FrameHash(long TimestampMs, ulong PHash);
