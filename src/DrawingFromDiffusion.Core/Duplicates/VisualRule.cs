using System.Globalization;

namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// When two images count as visual near-duplicates. Hashes and nearest embeddings only nominate pairs: either hash
/// within <see cref="MaxHashDistance"/> bits (or, when the catalog has vectors, one of the few nearest neighbours).
/// The pixels decide: the thumbnails' colour correlation, after looking for a slight crop, must reach
/// <see cref="MinCorrelation"/> (<see cref="PixelCheck"/>), raised by <see cref="CropPenalty"/> for every share
/// cropped. Hashes alone merged look-alikes — a Danish and a Swedish flag hash 6 bits apart — and one false link joins
/// two whole groups. Where a thumbnail cannot be read, the strict
/// hash-only boxes of <see cref="LinksByHashesAlone"/> decide.
/// </summary>
/// <param name="MaxHashDistance">largest pHash or dHash distance, in bits, that nominates a pair.</param>
/// <param name="MinCorrelation">smallest pixel correlation that links a nominated pair.</param>
/// <param name="MaxLocalDifference">largest worst-block difference (<see cref="LocalDifference"/>, grey levels) that
/// still links: a change anywhere — a clock hand, a pip, a mouth — breaks the link however alike the rest is.</param>
public sealed record VisualRule(int MaxHashDistance, double MinCorrelation, double MaxLocalDifference = VisualRule.DefaultLocalDifference)
{
    /// <summary>
    /// The largest ratio between two pictures' aspect ratios that can still link: a copy keeps its shape, and a slight
    /// crop (at most <see cref="PixelCheck.SmallestCoverage"/> of a side kept) changes it by at most 1 / 0.84. The
    /// pixel check samples both pictures on one grid whatever their shape, so a 60 × 300 bar and a 300 × 60 bar would
    /// otherwise compare as equals.
    /// </summary>
    public static double MaxAspectRatio => 1 / PixelCheck.SmallestCoverage;

    /// <summary>Whether two pictures' shapes allow a link (<see cref="MaxAspectRatio"/>).</summary>
    public static bool AspectsAgree(int widthA, int heightA, int widthB, int heightB)
    {
        if (widthA < 1 || heightA < 1 || widthB < 1 || heightB < 1)
        {
            return true;
        }

        var ratio = ((double)widthA / heightA) / ((double)widthB / heightB);
        return Math.Max(ratio, 1 / ratio) <= MaxAspectRatio + 1e-9;
    }

    /// <summary>
    /// Tuned on make-real-dupes.cs --selection tune (whole Debian clip-art folders with planted copies and made
    /// siblings): planted copies' worst blocks stay under 20 for 94 % of originals and copies (JPEG and WebP ≤ 9,
    /// resize ≤ 15, blur ≤ 19, brightening and the watermark up to 30), while other clock faces differ by 59 or more,
    /// other playing cards by 20 or more and a made sibling (a line added, a part recoloured or removed) mostly by 15–130.
    /// </summary>
    public const double DefaultLocalDifference = 20;

    /// <summary>A link is sure only when its worst block stays under this as well as its correlation reaching
    /// <see cref="SureCorrelation"/>: re-encoded and resized copies.</summary>
    public const double SureLocalDifference = 12;

    /// <summary>
    /// Tuned with tests/tools/measure-dupes.sh on sets from make-dupes-fixture.cs (clip-art seeds 11 and 23; held out:
    /// seed 31 and photos): pair precision 1.000 on all four, recall 0.980–1.000 with the ResNet18 neighbours as extra
    /// nominees.
    /// Nominating at 12 bits instead of 6 gained at most 0.003 recall there, and a 12-bit join over a million hashes
    /// takes 30 s against 2 s here.
    /// </summary>
    public static VisualRule Default { get; } = new(6, 0.88);

    /// <summary>
    /// How much a found crop raises the bar: 0.005 per 1 % of a side cut away. A window search has more ways to fit
    /// one simple shape onto another (two moon discs matched at 0.95 with 16 % cut), while a real slight crop matches
    /// closely. Measured on the 6,000-file held-out set: precision 0.985 → 0.996 at a recall cost of 0.001.
    /// </summary>
    public const double CropPenalty = 0.5;

    /// <summary>
    /// The correlation (plus the crop penalty) from which a visual link is sure. Below it a link is tentative: it brings
    /// a copy into a group, but does not join two groups that are sure of themselves. Sibling drawings (chess
    /// silhouettes, pantyhose in five fill patterns, jigsaw pieces) correlate at 0.88–0.97 with each other's copies,
    /// while an original and its re-encoded, resized copies correlate above 0.97. Measured on a look-alike-heavy set
    /// (make-dupes-fixture.cs --per-family 12 --keep-look-alikes): pair precision 0.748 → 0.972, recall 0.989 → 0.981;
    /// seed 47: 0.996 / 0.993 → 1.000 / 0.992; the harder clip-art set: recall 0.950 → 0.948; the rest unchanged.
    /// Look-alikes without copies of their own (no sure link anywhere) are still joined by their tentative links.
    /// </summary>
    public const double SureCorrelation = 0.97;

    /// <summary>Whether a pixel check's result links the pair.</summary>
    public bool Links(PixelMatch match) =>
        match.Correlation >= MinCorrelation + (CropPenalty * (1 - match.Coverage)) && match.LocalDifference <= MaxLocalDifference;

    /// <summary>Whether a link is sure rather than tentative (see <see cref="SureCorrelation"/>).</summary>
    public static bool IsSure(PixelMatch match) =>
        match.Correlation >= SureCorrelation + (CropPenalty * (1 - match.Coverage)) && match.LocalDifference <= SureLocalDifference;

    /// <summary>Without pixels: (pHash ≤ 6 and dHash ≤ 16) or (pHash ≤ 12 and dHash ≤ 6) at the default nomination
    /// distance of 6, scaled with it. The pair must have been nominated, so one hash is always within that distance.</summary>
    public bool LinksByHashesAlone(int phashDistance, int dhashDistance)
    {
        var r = MaxHashDistance;
        return (phashDistance <= r && dhashDistance <= (8 * r) / 3)
            || (phashDistance <= 2 * r && dhashDistance <= r);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"pHash or dHash ≤ {MaxHashDistance} bits (or nearest embeddings) nominate, pixel correlation ≥ {MinCorrelation:0.00} (+{CropPenalty:0.0} × share cropped) and worst block ≤ {MaxLocalDifference:0} grey levels link; shapes within ×{MaxAspectRatio:0.00}");
}
