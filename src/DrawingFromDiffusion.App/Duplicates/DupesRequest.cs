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
    bool SaveIndex = true);
