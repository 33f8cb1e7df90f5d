using DrawingFromDiffusion.Core.VectorIndex;

namespace DrawingFromDiffusion.Core.Search;

/// <summary>
/// Folds frame hits into one result per video, ranked where its best frame ranked, so a video with
/// 64 similar frames does not push every other result off the page.
/// </summary>
public static class VideoGrouping
{
    /// <param name="hits">best first, as the index returns them.</param>
    /// <param name="frameOf">the video and time of a frame id; null for anything that is not a frame.</param>
    public static IReadOnlyList<GroupedHit> Group(IReadOnlyList<VectorHit> hits, Func<long, FrameRef?> frameOf)
    {
        var order = new List<long>();
        var images = new Dictionary<long, float>();
        var videos = new Dictionary<long, List<FrameMatch>>();
        foreach (var hit in hits)
        {
            if (frameOf(hit.Key) is { } frame)
            {
                if (!videos.TryGetValue(frame.VideoId, out var frames))
                {
                    videos[frame.VideoId] = frames = [];
                    if (!images.ContainsKey(frame.VideoId))
                    {
                        order.Add(frame.VideoId);
                    }
                }

                frames.Add(new FrameMatch(hit.Key, frame.TimestampMs, hit.Distance));
            }
            else if (images.TryAdd(hit.Key, hit.Distance) && !videos.ContainsKey(hit.Key))
            {
                order.Add(hit.Key);
            }
        }

        return order.Select(id =>
        {
            if (videos.TryGetValue(id, out var frames))
            {
                var sorted = frames.OrderBy(f => f.Distance).ThenBy(f => f.TimestampMs).ToList();
                var best = images.TryGetValue(id, out var own) ? Math.Min(own, sorted[0].Distance) : sorted[0].Distance;
                return new GroupedHit(id, best, sorted[0], sorted);
            }

            return new GroupedHit(id, images[id], null, []);
        }).ToList();
    }
}
