using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.App.Duplicates;

/// <summary>What a dupes run asks for; null thresholds take the tier's default.</summary>
/// <param name="Tier">the tiers, as <see cref="TierSelection.Parse"/> reads them.</param>
/// <param name="MoveTo">a folder to move every non-keeper into (opt-in; nothing is deleted).</param>
/// <param name="SaveIndex">false for `dfd serve`, which writes nothing beside the catalog.</param>
internal sealed record DupesRequest(
    string Tier = TierSelection.Default,
    int? MaxDistance = null,
    double? MinCorrelation = null,
    string? Model = null,
    double? MaxCosine = null,
    long SeedWindow = VariationPairSource.DefaultSeedWindow,
    string? MoveTo = null,
    bool SaveIndex = true)
{
    /// <summary>Asked before anything moves, with the number of files and the folder; null moves without asking.</summary>
    public Func<int, string, bool>? Confirm { get; init; }

    /// <summary>Only groups with at least two images that pass these filters (tag, rating, collection, …) are reported; the groups themselves are not cut.</summary>
    public Core.Search.SearchFilters Filters { get; init; } = new();

    /// <summary>The stored groups' key: the options that change them (the defaults share export's and serve's groups).</summary>
    public string SettingsKey =>
        Tier == TierSelection.Default && MaxDistance is null && MinCorrelation is null && Model is null && MaxCosine is null && SeedWindow == VariationPairSource.DefaultSeedWindow
            ? StoredDuplicates.DefaultSettings
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"tiers={Tier};max-distance={MaxDistance};min-correlation={MinCorrelation};model={Model};max-cosine={MaxCosine};seed-window={SeedWindow};{StoredDuplicates.RulesRevision}");
}
