namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>Files that are the same picture; the keeper comes first.</summary>
public sealed record DuplicateGroup(int Number, IReadOnlyList<DuplicateMember> Members, string KeeperReason)
{
    public DuplicateMember Keeper => Members[0];

    /// <summary>The tiers of the links that hold the group together, strongest first.</summary>
    public IReadOnlyList<DuplicateTier> Tiers =>
        [.. Members.Where(m => m.Tier is not null).Select(m => m.Tier!.Value).Distinct().Order()];
}
