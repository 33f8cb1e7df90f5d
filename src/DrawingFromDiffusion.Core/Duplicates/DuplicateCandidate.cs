namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>One catalogued file as the duplicate search sees it.</summary>
/// <param name="ImageId">the image row (distinct content) the file holds.</param>
/// <param name="PHash">null when the image could not be hashed.</param>
/// <param name="HasGeneration">whether generation metadata was parsed from it.</param>
/// <param name="IsVideo">a video (or animation) file: only identical copies and <see cref="VideoPairSource"/> link it.</param>
public sealed record DuplicateCandidate(
    long ImageId,
    string Path,
    int Width,
    int Height,
    ulong? PHash,
    ulong? DHash,
    DateTimeOffset Modified,
    bool HasGeneration,
    bool IsVideo = false)
{
    public long Pixels => (long)Width * Height;
}
