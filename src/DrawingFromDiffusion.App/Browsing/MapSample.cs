namespace DrawingFromDiffusion.App.Browsing;

/// <summary>The sample of clustered images the page's map lays out, and their vectors packed small.</summary>
internal static class MapSample
{
    /// <summary>
    /// At most <paramref name="limit"/> items, each group's share in proportion to its size (at least one), taken at even
    /// steps along the group's list so the sample spans it. Deterministic: the same input gives the same map.
    /// </summary>
    public static List<T> Take<T>(IReadOnlyList<T> items, int limit, Func<T, int> group)
    {
        if (items.Count <= limit)
        {
            return [.. items];
        }

        var chosen = new List<T>(limit);
        foreach (var members in items.GroupBy(group).Select(g => g.ToList()))
        {
            var share = Math.Max(1, (int)((long)members.Count * limit / items.Count));
            for (var i = 0; i < share; i++)
            {
                chosen.Add(members[(int)((long)i * members.Count / share)]);
            }
        }

        return chosen;
    }

    /// <summary>The rows of a row-major matrix, each scaled so its largest component is ±127 and rounded to a signed byte.</summary>
    public static byte[] Quantise(float[] matrix, int dims, IEnumerable<int> rows)
    {
        var bytes = new List<byte>();
        foreach (var row in rows)
        {
            var vector = matrix.AsSpan(row * dims, dims);
            var largest = 0f;
            foreach (var x in vector)
            {
                largest = Math.Max(largest, Math.Abs(x));
            }

            var scale = largest > 0 ? 127f / largest : 0f;
            foreach (var x in vector)
            {
                bytes.Add(unchecked((byte)(sbyte)Math.Round(x * scale)));
            }
        }

        return [.. bytes];
    }
}
