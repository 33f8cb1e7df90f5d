namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>A file in a group, with the link that brought it in (null for the keeper, where the links start).</summary>
/// <param name="LinkedTo">the path of the member the link leads to.</param>
/// <param name="Tentative">a tentative link lies on the way from the keeper to this member: a look-alike, maybe not a copy.</param>
public sealed record DuplicateMember(
    DuplicateCandidate Candidate,
    bool IsKeeper,
    DuplicateTier? Tier,
    double? Distance,
    string? Detail,
    string? LinkedTo,
    bool Tentative = false);
