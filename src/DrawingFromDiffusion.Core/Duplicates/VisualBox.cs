namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>One box of a <see cref="VisualRule"/>: both distances within their limits, in bits.</summary>
public readonly record struct VisualBox(int MaxPHash, int MaxDHash);
