namespace DrawingFromDiffusion.App.Contracts;

/// <param name="Kind">"exact" (one content, several paths), "perceptual" (pHash) or "semantic" (CLIP).</param>
/// <param name="KeeperReason">why the keeper was suggested. Nothing is ever deleted.</param>
public sealed record DuplicateGroup(string Id, string Kind, IReadOnlyList<DuplicateMember> Members, string KeeperReason);
