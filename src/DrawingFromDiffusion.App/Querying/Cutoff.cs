using System.Globalization;
using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.App.Querying;

/// <summary>--cutoff auto|none|VALUE: which similarity tail is dropped (see <see cref="RelevanceCutoff"/>).</summary>
internal readonly record struct Cutoff(bool IsAuto, double? Threshold)
{
    public static readonly Cutoff None = new(false, null);

    public static readonly Cutoff Auto = new(true, null);

    public static bool TryParse(string? text, out Cutoff cutoff)
    {
        cutoff = None;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "auto":
                cutoff = Auto;
                return true;
            case null or "" or "none":
                return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= -1 and <= 1)
        {
            cutoff = new Cutoff(false, value);
            return true;
        }

        return false;
    }

    /// <summary>How many of <paramref name="scores"/> (best first) to keep.</summary>
    public int Keep(IReadOnlyList<double> scores) =>
        IsAuto ? RelevanceCutoff.Auto(scores) : Threshold is { } t ? RelevanceCutoff.Fixed(scores, t) : scores.Count;

    public override string ToString() => IsAuto ? "auto" : Threshold?.ToString("0.###", CultureInfo.InvariantCulture) ?? "none";
}
