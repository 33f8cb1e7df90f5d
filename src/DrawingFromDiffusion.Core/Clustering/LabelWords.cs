namespace DrawingFromDiffusion.Core.Clustering;

/// <summary>
/// The words of a cluster label, each subject once: "clocks" and "clock", "berries" and "berry", "boxes" and "box"
/// name one thing, and a label that lists both wastes one of its few places ("clocks, signs, clock"). English plural
/// endings are folded onto one stem; the first spelling met (the more distinctive word) is the one kept.
/// </summary>
public static class LabelWords
{
    /// <summary><paramref name="words"/> in order, leaving out every word whose stem an earlier word already has.</summary>
    public static IEnumerable<string> DistinctStems(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            if (seen.Add(Stem(word)))
            {
                yield return word;
            }
        }
    }

    /// <summary>The word with a plural ending taken off (lower-cased): ies → y, (s|x|z|ch|sh)es → drop "es", s → drop,
    /// but not "ss", "us" or "is" (glass, cactus, iris) nor words of three letters or fewer (bus, gas).</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var w = word.ToLowerInvariant();
        if (w.Length <= 3 || !w.EndsWith('s'))
        {
            return w;
        }

        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            return w[..^3] + "y";
        }

        if (w.EndsWith("sses", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal) || w.EndsWith("zes", StringComparison.Ordinal)
            || w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal))
        {
            return w[..^2];
        }

        return w.EndsWith("ss", StringComparison.Ordinal) || w.EndsWith("us", StringComparison.Ordinal) || w.EndsWith("is", StringComparison.Ordinal)
            ? w
            : w[..^1];
    }
}
