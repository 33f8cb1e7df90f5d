using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.App.Duplicates;

/// <summary>
/// Near-duplicate groups by tier, each with a suggested keeper: `dfd dupes`, `dfd export` and the web page's
/// duplicate groups all come from here. Nothing is deleted; <see cref="DupesRequest.MoveTo"/> is opt-in.
/// </summary>
internal static class DupesService
{
    /// <param name="progress">each pass as it goes: candidates, the vector index, each tier's pairs (the visual tier's
    /// nomination, pixel checks and crop search), grouping.</param>
    /// <exception cref="TierUnavailableException">the semantic tier alone was asked for and the catalog cannot serve it.</exception>
    public static async Task<DupesRun> RunAsync(CatalogDatabase database, DupesRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(StageProgress.Step("loading candidates"));
        var candidates = await Task.Run(() => new DuplicateCandidates(database).All(cancellationToken), cancellationToken);
        progress?.Report(StageProgress.StepDone("loading candidates"));
        var rule = new VisualRule(request.MaxDistance ?? VisualRule.Default.MaxHashDistance, request.MinCorrelation ?? VisualRule.Default.MinCorrelation);
        var asked = TierSelection.Parse(request.Tier) ?? throw new ArgumentException($"unknown tier in '{request.Tier}'");
        var ran = new List<DuplicateTier>();
        var unavailable = new List<UnavailableTier>();
        var notices = new List<string>();
        // The identical links always run: files of one image stay together whatever tier is asked.
        var sources = new List<IDuplicatePairSource> { new IdenticalPairSource() };
        if (asked.Contains(DuplicateTier.Identical))
        {
            ran.Add(DuplicateTier.Identical);
        }

        // The index serves the semantic tier and nominates pairs for the visual one.
        using var vectors = asked.Contains(DuplicateTier.Visual) || asked.Contains(DuplicateTier.Semantic)
            ? await DupesIndex.OpenAsync(database, request.Model, request.MaxCosine, progress, cancellationToken, request.SaveIndex)
            : null;
        VisualSettings? visual = null;
        using var prints = new CatalogPixelPrints(database);
        if (asked.Contains(DuplicateTier.Visual))
        {
            ran.Add(DuplicateTier.Visual);
            visual = new VisualSettings(rule, vectors?.Neighbours, vectors?.ModelId);
            if (visual.Neighbours is null)
            {
                notices.Add($"only close hashes nominate visual pairs, so crops are found less often: the catalog {vectors?.Problem}");
            }

            sources.Add(new VisualPairSource(rule, prints, visual.Neighbours, progress));
            sources.Add(DupesStages.Reporting("video frames", progress, new VideoPairSource(new VideoFrameSequences(database).All(cancellationToken))));
        }

        if (asked.Contains(DuplicateTier.Semantic))
        {
            if (vectors!.Source is { } source)
            {
                ran.Add(DuplicateTier.Semantic);
                sources.Add(DupesStages.Reporting("semantic tier: nearest neighbours", progress, source));
            }
            else if (asked.Count == 1)
            {
                throw new TierUnavailableException($"the semantic tier {vectors.Problem}");
            }
            else
            {
                unavailable.Add(new UnavailableTier("semantic", vectors.Problem!));
                notices.Add($"skipping the semantic tier: it {vectors.Problem}");
            }
        }

        if (asked.Contains(DuplicateTier.Variation))
        {
            ran.Add(DuplicateTier.Variation);
            sources.Add(DupesStages.Reporting("variation tier", progress, new VariationPairSource(new AnalysisInputs(database).Lineage(cancellationToken), request.SeedWindow)));
        }

        var (grouped, _, reusedFrom) = await StoredDuplicates.GetOrComputeAsync(database, request.SettingsKey, async () =>
            (await Task.Run(() => DupesStages.Group(candidates, sources, progress, cancellationToken), cancellationToken), (string?)null));
        if (reusedFrom is { } computedAt)
        {
            notices.Add($"duplicate groups reused from {computedAt.ToLocalTime():yyyy-MM-dd HH:mm} (the catalog has not changed since)");
        }

        var allowed = new SearchCatalog(database).MatchingIds(request.Filters);
        var groups = grouped
            .Where(g => g.Tiers.Any(ran.Contains))
            .Where(g => allowed is null || g.Members.Select(m => m.Candidate.ImageId).Distinct().Count(allowed.Contains) >= 2)
            .Select((g, i) => g with { Number = i + 1 })
            .ToList();

        var moving = groups.Sum(g => g.Members.Count(m => !m.IsKeeper && !m.Tentative));
        var move = request.MoveTo is not null && (request.Confirm is not { } confirm || confirm(moving, Path.GetFullPath(request.MoveTo)));
        if (request.MoveTo is not null && !move)
        {
            notices.Add("nothing moved.");
        }

        var moved = move ? DuplicateMover.Move(groups, Path.GetFullPath(request.MoveTo!), DateTimeOffset.UtcNow, cancellationToken) : null;
        return new DupesRun(database.Path, [.. ran.Select(TierSelection.Name)], unavailable, visual, candidates.Count, groups, moved)
        {
            Semantic = ran.Contains(DuplicateTier.Semantic) && vectors?.Source is { } s ? new SemanticSettings(vectors.ModelId!, s.MaxDistance) : null,
            Notices = notices,
        };
    }
}
