using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.App.Duplicates;

/// <summary>What one dupes run found: the result of <see cref="DupesService"/>.</summary>
/// <param name="Notices">what the user should know about how the run went (a tier skipped, no vectors to nominate pairs).</param>
internal sealed record DupesRun(
    string Catalog,
    IReadOnlyList<string> Tiers,
    IReadOnlyList<UnavailableTier> Unavailable,
    VisualSettings? Visual,
    int Files,
    IReadOnlyList<DuplicateGroup> Groups,
    MoveLog? Moved)
{
    /// <summary>The semantic tier's model and threshold, when it ran.</summary>
    public SemanticSettings? Semantic { get; init; }

    public IReadOnlyList<string> Notices { get; init; } = [];
}
