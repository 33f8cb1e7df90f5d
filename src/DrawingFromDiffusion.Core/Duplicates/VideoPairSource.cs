using System.Globalization;

namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// The visual tier for videos: a video that is a re-encode or a trim of another (<see cref="VideoDuplicateFinder"/>,
/// by frame-hash sequences) links to it, so it joins the same groups, keeper and output as still images.
/// </summary>
public sealed class VideoPairSource(IReadOnlyList<VideoHashes> videos) : IDuplicatePairSource
{
    public DuplicateTier Tier => DuplicateTier.Visual;

    /// <summary>Distance: the share of the shorter video's frames not found in order in the longer one.</summary>
    public IEnumerable<DuplicateLink> FindPairs(IReadOnlyList<DuplicateCandidate> candidates, CancellationToken cancellationToken)
    {
        var positions = DistinctImages.Positions(candidates, c => c.IsVideo).ToDictionary(p => candidates[p].ImageId);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var match in VideoDuplicateFinder.Find([.. videos.Where(v => positions.ContainsKey(v.VideoId))]))
        {
            var what = match.IsTrim
                ? string.Create(CultureInfo.InvariantCulture, $"video trim (from {match.OffsetMs / 1000.0:0.#} s)")
                : "video re-encode";
            yield return new DuplicateLink(
                positions[match.Shorter],
                positions[match.Longer],
                DuplicateTier.Visual,
                Math.Round(1 - match.Coverage, 3),
                string.Create(CultureInfo.InvariantCulture, $"{what}, {match.Coverage:P0} of its frames in order"));
        }
    }
}
