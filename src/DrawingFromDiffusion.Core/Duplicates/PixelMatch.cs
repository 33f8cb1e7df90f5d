namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>How alike two prints are (<see cref="PixelCheck"/>).</summary>
/// <param name="Correlation">the best colour correlation found.</param>
/// <param name="Coverage">the share of the larger picture that the window holding the smaller one keeps on its more
/// cropped side (1 when neither is a crop of the other).</param>
/// <param name="LocalDifference">the worst block of the aligned difference (<see cref="LocalDifference"/>), in grey
/// levels: a hand moved, a pip added or a mouth changed shows here however alike the rest is.</param>
public readonly record struct PixelMatch(double Correlation, double Coverage, double LocalDifference = 0);
