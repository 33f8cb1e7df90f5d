using System.Globalization;

namespace DrawingFromDiffusion.Core.Search;

/// <summary>A moment in a video as people read it: 0:03.2, 12:05.0, 1:02:05.0.</summary>
public static class VideoTime
{
    public static string Format(long milliseconds)
    {
        var time = TimeSpan.FromMilliseconds(Math.Max(0, milliseconds));
        var tenths = time.Milliseconds / 100;
        return time.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}.{tenths}")
            : string.Create(CultureInfo.InvariantCulture, $"{time.Minutes}:{time.Seconds:00}.{tenths}");
    }
}
