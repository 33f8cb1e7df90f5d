namespace DrawingFromDiffusion.Core.Video;

/// <summary>
/// Which timestamps of a video to sample: every scene change, plus a frame whenever the floor
/// interval passes without one, never more than the cap. Pure, so the sampling is testable without ffmpeg.
/// </summary>
public static class FramePlan
{
    /// <summary>Scene changes closer than this to the previous kept frame add nothing.</summary>
    public const long MinGapMs = 250;

    /// <param name="durationMs">the video's length; 0 or less when unknown (then only the first frame and scene changes).</param>
    /// <param name="sceneChangesMs">times where a new scene starts, in any order.</param>
    public static IReadOnlyList<long> Build(long durationMs, IReadOnlyList<long> sceneChangesMs, TimeSpan floorInterval, int maxFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, 1);
        var floorMs = Math.Max(1, (long)floorInterval.TotalMilliseconds);
        var scenes = sceneChangesMs
            .Where(t => t > 0 && (durationMs <= 0 || t < durationMs))
            .Order()
            .ToList();

        if (durationMs > 0 && durationMs / floorMs >= maxFrames)
        {
            // The floor alone needs more than the cap (a long video): spread the cap evenly instead of
            // building a plan with one entry per interval, which for a 10-hour video would be 18,000.
            return Enumerable.Range(0, maxFrames).Select(i => (long)((double)durationMs * i / maxFrames)).ToList();
        }

        var plan = new List<long> { 0 };
        var last = 0L;
        var next = 0;
        while (true)
        {
            while (next < scenes.Count && scenes[next] < last + MinGapMs)
            {
                next++;
            }

            if (next < scenes.Count && scenes[next] <= last + floorMs)
            {
                last = scenes[next++];
            }
            else if (durationMs > 0 && last + floorMs < durationMs)
            {
                last += floorMs;
            }
            else if (next < scenes.Count)
            {
                last = scenes[next++];
            }
            else
            {
                break;
            }

            plan.Add(last);
        }

        return Cap(plan, maxFrames);
    }

    /// <summary>At most <paramref name="maxFrames"/> of <paramref name="plan"/>: the first, the last and evenly spaced picks in between.</summary>
    public static IReadOnlyList<T> Cap<T>(IReadOnlyList<T> plan, int maxFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, 1);
        if (plan.Count <= maxFrames)
        {
            return plan;
        }

        if (maxFrames == 1)
        {
            return [plan[0]];
        }

        return Enumerable.Range(0, maxFrames)
            .Select(i => plan[(int)Math.Round((double)i * (plan.Count - 1) / (maxFrames - 1))])
            .Distinct()
            .ToList();
    }
}
