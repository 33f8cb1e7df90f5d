namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>Two positions in a hash array (A &lt; B) and the Hamming distance between their hashes.</summary>
public readonly record struct HammingPair(int A, int B, int Distance);
