using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Core.Clustering;

/// <summary>
/// Class-based TF-IDF (as in BERTopic): all prompts of a cluster form one document; a word scores
/// tf(word, cluster) · log(1 + A / f(word)), where A is the mean word count per cluster and f the word's count over
/// all clusters. Words every cluster uses ("masterpiece", "best quality") sink; the cluster's own words rise.
/// </summary>
public static class ClassTfIdf
{
    private static readonly HashSet<string> _stopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "with", "by", "for", "to", "from", "is", "are", "very",
        "best", "quality", "masterpiece", "high", "highly", "detailed", "ultra", "8k", "4k", "hd", "resolution",
        "lora", "break",
    };

    /// <summary>The <paramref name="top"/> most distinctive words of each of the <paramref name="k"/> clusters.</summary>
    public static IReadOnlyList<IReadOnlyList<(string Word, double Score)>> Label(IReadOnlyList<(int Cluster, string? Prompt)> prompts, int k, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        return Label([.. prompts.Select(p => (p.Cluster, Words(p.Prompt)))], k, top);
    }

    /// <summary>The same over documents already split into words (e.g. <see cref="PathTokens"/>).</summary>
    public static IReadOnlyList<IReadOnlyList<(string Word, double Score)>> Label(IReadOnlyList<(int Cluster, IEnumerable<string> Words)> documents, int k, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var counts = new Dictionary<string, int>[k];
        var totals = new long[k];
        for (var c = 0; c < k; c++)
        {
            counts[c] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        var overall = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (cluster, words) in documents)
        {
            foreach (var word in words)
            {
                counts[cluster][word] = counts[cluster].GetValueOrDefault(word) + 1;
                overall[word] = overall.GetValueOrDefault(word) + 1;
                totals[cluster]++;
            }
        }

        var average = k == 0 ? 0 : totals.Sum() / (double)k;
        var labels = new List<IReadOnlyList<(string, double)>>(k);
        for (var c = 0; c < k; c++)
        {
            var cluster = c;
            labels.Add([.. counts[c]
                .Select(pair => (pair.Key, Score: pair.Value / (double)totals[cluster] * Math.Log(1 + (average / overall[pair.Key]))))
                .OrderByDescending(p => p.Score)
                .ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(top)]);
        }

        return labels;
    }

    /// <summary>The words of a prompt: normalised like the variation tier, split on anything not a letter or digit.</summary>
    public static IEnumerable<string> Words(string? prompt)
    {
        var text = PromptNormalizer.Normalize(prompt);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '-' || text[i] == '\'');
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = text[start..i].Trim('-', '\'');
                start = -1;
                if (word.Length > 1 && !_stopWords.Contains(word) && !double.TryParse(word, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    yield return word;
                }
            }
        }
    }
}
