using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.App.Duplicates;

/// <summary>The default tiers of `dfd dupes` (identical, visual, variation) at their defaults, for the consumers that
/// take no options: `dfd serve` and `dfd export`. The same sources as `dfd dupes` without options, so all three share
/// the stored groups (<see cref="StoredDuplicates"/>).</summary>
internal static class DefaultTiers
{
    /// <returns>the groups, and a note when the catalog has no vectors to nominate visual pairs (null otherwise).</returns>
    public static async Task<(List<DuplicateGroup> Groups, string? Note)> GroupAsync(CatalogDatabase database, bool saveIndex, CancellationToken cancellationToken)
    {
        var (groups, note, _) = await StoredDuplicates.GetOrComputeAsync(database, StoredDuplicates.DefaultSettings, () => ComputeAsync(database, saveIndex, cancellationToken));
        return (groups, note);
    }

    private static async Task<(List<DuplicateGroup> Groups, string? Note)> ComputeAsync(CatalogDatabase database, bool saveIndex, CancellationToken cancellationToken)
    {
        var candidates = await Task.Run(() => new DuplicateCandidates(database).All(cancellationToken), cancellationToken);
        using var index = await DupesIndex.OpenAsync(database, null, null, cancellationToken, saveIndex);
        using var prints = new CatalogPixelPrints(database);
        var sources = new List<IDuplicatePairSource>
        {
            new IdenticalPairSource(),
            new VisualPairSource(VisualRule.Default, prints, index.Neighbours),
            new VideoPairSource(new VideoFrameSequences(database).All(cancellationToken)),
            new VariationPairSource(new AnalysisInputs(database).Lineage(cancellationToken)),
        };
        var groups = await Task.Run(() => DuplicateGrouper.Group(candidates, sources, cancellationToken), cancellationToken);
        var note = index.Neighbours is null ? $"Only close hashes nominate visual pairs: the catalog {index.Problem}; crops are found less often." : null;
        return (groups, note);
    }
}
