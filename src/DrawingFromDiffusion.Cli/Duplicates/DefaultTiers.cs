using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Duplicates;

/// <summary>Every tier at `dfd dupes` defaults, for the consumers that take no options: `dfd serve` and `dfd export`.</summary>
internal static class DefaultTiers
{
    /// <returns>the groups, and why the semantic tier did not run (null when it did).</returns>
    public static async Task<(List<DuplicateGroup> Groups, string? SemanticProblem)> GroupAsync(CatalogDatabase database, bool saveIndex, CancellationToken cancellationToken)
    {
        var candidates = await Task.Run(() => new DuplicateCandidates(database).All(cancellationToken), cancellationToken);
        using var semantic = await SemanticTier.OpenAsync(database, null, null, cancellationToken, saveIndex);
        using var prints = new CatalogPixelPrints(database);
        var sources = new List<IDuplicatePairSource> { new IdenticalPairSource(), new VisualPairSource(VisualRule.Default, prints, semantic.Neighbours) };
        if (semantic.Source is not null)
        {
            sources.Add(semantic.Source);
        }

        sources.Add(new VariationPairSource(new AnalysisInputs(database).Lineage(cancellationToken)));
        var groups = await Task.Run(() => DuplicateGrouper.Group(candidates, sources, cancellationToken), cancellationToken);
        return (groups, semantic.Problem);
    }
}
