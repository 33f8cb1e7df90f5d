using System.Numerics;

namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Finds videos that are a re-encode or a trim of another by their frame-hash sequences: the shorter
/// video's frames must be found in the longer one in the same order (a re-encode changes bytes and
/// nudges hashes by a few bits; a trim keeps a run of the frames). Candidate pairs come from frames
/// sharing one 16-bit band of their pHash, so unrelated videos are never compared frame by frame.
/// </summary>
public static class VideoDuplicateFinder
{
    /// <param name="maxHamming">pHash bits two frames may differ by and still be the same picture.</param>
    /// <param name="minCoverage">share of the shorter video's frames that must be found, in order.</param>
    /// <param name="sameLengthTolerance">length difference (share of the longer) below which a match is a re-encode, not a trim.</param>
    public static IReadOnlyList<VideoMatch> Find(IReadOnlyList<VideoHashes> videos, int maxHamming = 8, double minCoverage = 0.8, double sameLengthTolerance = 0.05)
    {
        var bands = new Dictionary<(int Band, ushort Value), List<int>>();
        for (var v = 0; v < videos.Count; v++)
        {
            foreach (var frame in videos[v].Frames)
            {
                for (var band = 0; band < 4; band++)
                {
                    var key = (band, (ushort)(frame.PHash >> (16 * band)));
                    if (!bands.TryGetValue(key, out var list))
                    {
                        bands[key] = list = [];
                    }

                    if (list.Count == 0 || list[^1] != v)
                    {
                        list.Add(v);
                    }
                }
            }
        }

        var pairs = new HashSet<(int, int)>();
        foreach (var list in bands.Values)
        {
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    pairs.Add((list[i], list[j]));
                }
            }
        }

        var matches = new List<VideoMatch>();
        foreach (var (a, b) in pairs.Order())
        {
            var (shorter, longer) = Length(videos[a]) <= Length(videos[b]) ? (videos[a], videos[b]) : (videos[b], videos[a]);
            if (shorter.Frames.Count == 0)
            {
                continue;
            }

            var (found, offset) = MatchInOrder(shorter.Frames, longer.Frames, maxHamming);
            var coverage = (double)found / shorter.Frames.Count;
            if (coverage >= minCoverage)
            {
                var longest = Math.Max(1, Length(longer));
                var isTrim = (double)(longest - Length(shorter)) / longest > sameLengthTolerance;
                matches.Add(new VideoMatch(shorter.VideoId, longer.VideoId, coverage, isTrim ? offset : 0, isTrim));
            }
        }

        return matches;
    }

    private static long Length(VideoHashes video) =>
        video.DurationMs > 0 ? video.DurationMs : video.Frames.Count > 0 ? video.Frames[^1].TimestampMs : 0;

    /// <summary>Greedy in-order matching; the offset is the median time shift of the matched pairs.</summary>
    private static (int Found, long OffsetMs) MatchInOrder(IReadOnlyList<FrameHash> shorter, IReadOnlyList<FrameHash> longer, int maxHamming)
    {
        var shifts = new List<long>();
        var next = 0;
        foreach (var frame in shorter)
        {
            for (var j = next; j < longer.Count; j++)
            {
                if (BitOperations.PopCount(frame.PHash ^ longer[j].PHash) <= maxHamming)
                {
                    shifts.Add(longer[j].TimestampMs - frame.TimestampMs);
                    next = j + 1;
                    break;
                }
            }
        }

        shifts.Sort();
        return (shifts.Count, shifts.Count > 0 ? Math.Max(0, shifts[shifts.Count / 2]) : 0);
    }
}
