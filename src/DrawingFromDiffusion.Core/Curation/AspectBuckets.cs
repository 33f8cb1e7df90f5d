namespace DrawingFromDiffusion.Core.Curation;

/// <summary>
/// Aspect buckets for a training set: every (width, height) pair of the given side lengths; an image goes to the
/// bucket whose aspect ratio is nearest its own, the largest such bucket that needs no upscaling (else the smallest).
/// It is then scaled to cover the bucket and centre-cropped to it.
/// </summary>
public static class AspectBuckets
{
    /// <summary>The side lengths from text such as "512,768,1024"; null when a value is not a whole number from 64 to 8192.</summary>
    public static IReadOnlyList<int>? ParseSides(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sides = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var side) || side is < 64 or > 8192)
            {
                return null;
            }

            sides.Add(side);
        }

        return sides.Count == 0 ? null : sides.Distinct().Order().ToList();
    }

    public static (int Width, int Height) Choose(int width, int height, IReadOnlyList<int> sides)
    {
        ArgumentNullException.ThrowIfNull(sides);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var aspect = Math.Log((double)width / height);
        var buckets = sides.SelectMany(w => sides.Select(h => (Width: w, Height: h))).ToList();
        var nearest = buckets.Min(b => Math.Round(Math.Abs(Math.Log((double)b.Width / b.Height) - aspect), 9));
        var shaped = buckets.Where(b => Math.Round(Math.Abs(Math.Log((double)b.Width / b.Height) - aspect), 9) == nearest).OrderBy(b => (long)b.Width * b.Height).ToList();
        var fitting = shaped.Where(b => b.Width <= width && b.Height <= height).ToList();
        return fitting.Count > 0 ? fitting[^1] : shaped[0];
    }
}
