namespace DrawingFromDiffusion.App.Contracts;

/// <param name="Path">one file of the member (for an identical group: the copy this member stands for).</param>
/// <param name="Distance">how far from the member it links to (pHash bits, or cosine distance for semantic links); 0 for the keeper.</param>
/// <param name="Tier">the tier of the link that brought the member in, as `dfd dupes` names it; null for the keeper.</param>
/// <param name="Detail">the link's measurements as `dfd dupes` prints them (e.g. "pHash 2, dHash 0, pixels r 0.993").</param>
/// <param name="Tentative">a tentative link lies between the keeper and this member: a look-alike, maybe not a copy (never moved).</param>
public sealed record DuplicateMember(
    long ImageId,
    string? Path,
    int Width,
    int Height,
    long ByteSize,
    double Distance,
    bool IsKeeper,
    string? Tier = null,
    string? Detail = null,
    bool Tentative = false);
