using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.App.Duplicates;

/// <summary>The tiers a `dfd dupes` run asks for: a comma-separated list, or "all".</summary>
internal static class TierSelection
{
    /// <summary>
    /// Semantic is opt-in: on a 6,000-file held-out clip-art set ResNet18 vectors put look-alikes within the tier's
    /// limit (two flags of other colours, a 3 and a 7 of hearts, Ö in two fonts), which merged whole groups, while the
    /// tier added under 0.006 recall on top of the pixel-checked visual tier.
    /// </summary>
    public const string Default = "identical,visual,variation";

    public const string Names = "identical,visual,semantic,variation|all";

    /// <summary>A tier as outputs name it: identical, visual, semantic, variation.</summary>
    public static string Name(DuplicateTier tier) => tier.ToString().ToLowerInvariant();

    /// <returns>the tiers, or null when a name is unknown.</returns>
    public static IReadOnlySet<DuplicateTier>? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return Enum.GetValues<DuplicateTier>().ToHashSet();
        }

        var tiers = new HashSet<DuplicateTier>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<DuplicateTier>(name, ignoreCase: true, out var tier) || !Enum.IsDefined(tier) || int.TryParse(name, out _))
            {
                return null;
            }

            tiers.Add(tier);
        }

        return tiers.Count == 0 ? null : tiers;
    }
}
