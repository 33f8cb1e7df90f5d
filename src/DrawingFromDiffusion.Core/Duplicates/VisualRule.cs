namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// When two images count as visual near-duplicates: pHash within <see cref="MaxPHash"/> bits and
/// dHash within <see cref="MaxDHash"/> bits (both 64-bit hashes).
/// </summary>
public sealed record VisualRule(int MaxPHash, int MaxDHash)
{
    public static VisualRule Default { get; } = new(8, 10);

    public bool Links(int phashDistance, int dhashDistance) => phashDistance <= MaxPHash && dhashDistance <= MaxDHash;

    /// <summary>The distance a link reports: the pHash bits, the hash most stable under re-encoding.</summary>
    public double Distance(int phashDistance, int dhashDistance) => phashDistance;

    /// <summary>The rule with both limits moved to <paramref name="maxDistance"/> bits scaled by the default's proportions.</summary>
    public VisualRule WithMaxPHash(int maxDistance) =>
        new(maxDistance, (int)Math.Round(maxDistance * (double)MaxDHash / Math.Max(1, MaxPHash)));

    public override string ToString() => $"pHash ≤ {MaxPHash} and dHash ≤ {MaxDHash}";
}
