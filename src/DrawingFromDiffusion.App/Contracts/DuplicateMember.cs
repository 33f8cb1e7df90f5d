namespace DrawingFromDiffusion.App.Contracts;

/// <param name="Path">one file of the member (for an exact group: the copy this member stands for).</param>
/// <param name="Distance">how far from the keeper (pHash bits, or cosine distance for semantic groups); 0 for the keeper.</param>
public sealed record DuplicateMember(long ImageId, string? Path, int Width, int Height, long ByteSize, double Distance, bool IsKeeper);
