using System.Globalization;

namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// When two images count as visual near-duplicates: their (pHash, dHash) distances in bits fall
/// inside any of the rule's boxes. Two boxes beat one: crops move pHash more than dHash, retouches
/// (brighten, watermark) move dHash more than pHash, while look-alike drawings move both.
/// </summary>
public sealed record VisualRule
{
    /// <summary>Tuned on the clip-art set (tests/tools/make-dupes-fixture.cs): pair precision 1.00, recall 0.90 there.</summary>
    public static VisualRule Default { get; } = new([new VisualBox(6, 16), new VisualBox(12, 6)]);

    public VisualRule(IReadOnlyList<VisualBox> boxes)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        if (boxes.Count == 0)
        {
            throw new ArgumentException("a visual rule needs at least one box", nameof(boxes));
        }

        Boxes = boxes;
    }

    public IReadOnlyList<VisualBox> Boxes { get; }

    /// <summary>The largest pHash distance any box accepts.</summary>
    public int MaxPHash => Boxes.Max(b => b.MaxPHash);

    public bool Links(int phashDistance, int dhashDistance)
    {
        foreach (var box in Boxes)
        {
            if (phashDistance <= box.MaxPHash && dhashDistance <= box.MaxDHash)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The distance a link reports: the pHash bits, the hash most stable under re-encoding.</summary>
    public static double Distance(int phashDistance, int dhashDistance) => phashDistance;

    /// <summary>The rule with every limit scaled so its largest pHash limit becomes <paramref name="maxPHash"/>.</summary>
    public VisualRule Scaled(int maxPHash)
    {
        var factor = (double)maxPHash / Math.Max(1, MaxPHash);
        return new VisualRule([.. Boxes.Select(b => new VisualBox((int)Math.Round(b.MaxPHash * factor), (int)Math.Round(b.MaxDHash * factor)))]);
    }

    public bool Equals(VisualRule? other) => other is not null && Boxes.SequenceEqual(other.Boxes);

    public override int GetHashCode() => Boxes.Aggregate(0, (h, b) => HashCode.Combine(h, b));

    public override string ToString() =>
        string.Join(" or ", Boxes.Select(b => string.Create(CultureInfo.InvariantCulture, $"(pHash ≤ {b.MaxPHash} and dHash ≤ {b.MaxDHash})")));
}
