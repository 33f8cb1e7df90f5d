namespace DrawingFromDiffusion.App.Contracts;

/// <param name="Kind">the weakest tier that holds the group together, named as `dfd dupes` names it: identical, visual, semantic or variation.</param>
/// <param name="Tiers">every tier of the group's links, strongest first (the words `dfd dupes` prints).</param>
/// <param name="KeeperReason">why the keeper was suggested. Nothing is ever deleted.</param>
public sealed record DuplicateGroup(string Id, string Kind, IReadOnlyList<DuplicateMember> Members, string KeeperReason, IReadOnlyList<string> Tiers);
