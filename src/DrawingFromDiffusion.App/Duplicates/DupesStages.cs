using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Progress;

namespace DrawingFromDiffusion.App.Duplicates;

/// <summary>The passes of a duplicate run as progress stages: each tier's pair search, then the grouping.</summary>
internal static class DupesStages
{
    public const string Grouping = "grouping";

    /// <summary>A tier's pair search as one step (the visual tier reports its own passes).</summary>
    public static IDuplicatePairSource Reporting(string stage, IProgress<StageProgress>? progress, IDuplicatePairSource source) =>
        progress is null ? source : new ReportingPairSource(stage, progress, source);

    /// <summary>Groups the pairs of every source; the grouping stage starts once the last source has given its pairs.</summary>
    public static List<DuplicateGroup> Group(
        IReadOnlyList<DuplicateCandidate> candidates, IReadOnlyList<IDuplicatePairSource> sources, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var groups = DuplicateGrouper.Group(candidates, ThenGrouping(sources, progress), cancellationToken);
        progress?.Report(StageProgress.StepDone(Grouping));
        return groups;
    }

    // The grouper asks for the next source only when it has all pairs of the last one.
    private static IEnumerable<IDuplicatePairSource> ThenGrouping(IReadOnlyList<IDuplicatePairSource> sources, IProgress<StageProgress>? progress)
    {
        foreach (var source in sources)
        {
            yield return source;
        }

        progress?.Report(StageProgress.Step(Grouping));
    }

    private sealed class ReportingPairSource(string stage, IProgress<StageProgress> progress, IDuplicatePairSource inner) : IDuplicatePairSource
    {
        public DuplicateTier Tier => inner.Tier;

        public IEnumerable<DuplicateLink> FindPairs(IReadOnlyList<DuplicateCandidate> candidates, CancellationToken cancellationToken)
        {
            progress.Report(StageProgress.Step(stage));
            var links = inner.FindPairs(candidates, cancellationToken).ToList();
            progress.Report(StageProgress.StepDone(stage));
            return links;
        }
    }
}
