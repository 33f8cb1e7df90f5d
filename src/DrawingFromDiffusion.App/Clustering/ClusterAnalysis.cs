using System.Diagnostics;
using DrawingFromDiffusion.Core.Clustering;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.App.Clustering;

/// <summary>Runs the clustering over a catalog's vectors, labels the clusters and stores the assignment.</summary>
internal static class ClusterAnalysis
{
    public const int MinAutoK = 2;
    public const int MaxAutoK = 30;

    /// <param name="textEmbedder">the pack's text tower for style words, or null.</param>
    public static (ClustersRun Run, KMeansResult Fit, long[] ImageIds, float[] Map) Run(
        CatalogDatabase database, string modelId, ClusterSettings settings, ITextEmbedder? textEmbedder, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var inputs = new AnalysisInputs(database);
        progress?.Report(StageProgress.Step("loading vectors"));
        var (ids, vectors, dims) = inputs.Vectors(modelId, cancellationToken);
        progress?.Report(StageProgress.StepDone("loading vectors"));
        var n = ids.Length;
        if (n < 2)
        {
            throw new InvalidOperationException($"model '{modelId}' has {n} vector(s) in this catalog; clusters need at least 2 (run `dfd index`)");
        }

        var watch = Stopwatch.StartNew();
        IReadOnlyList<KScore> scores = [];
        int k;
        string choice;
        if (settings.K is { } given)
        {
            k = Math.Clamp(given, 1, n);
            choice = k == given ? "given" : $"given {given}, clamped to {k} images";
        }
        else
        {
            // Beyond about sqrt(n/2) clusters the groups get too small to name a style; small catalogs may still
            // try up to a third of their images, so three images per cluster stay possible.
            var upper = Math.Clamp(Math.Max((int)Math.Sqrt(n / 2.0), Math.Min(10, n / 3)), MinAutoK, MaxAutoK);
            var (best, all) = AutoK.Choose(vectors, dims, MinAutoK, upper, settings.Seed, progress, cancellationToken);
            k = best;
            scores = [.. all.Select(s => new KScore(s.K, Math.Round(s.Silhouette, 4), Math.Round(s.Modularity, 4)))];
            choice = scores.Count == 0 ? "auto (too few images to compare)" : $"auto (neighbour-graph modularity {scores.First(s => s.K == k).Modularity:0.###}, the largest k within 1 % of the best {scores.Max(s => s.Modularity):0.###}, over k={MinAutoK}..{upper})";
        }

        var fit = SphericalKMeans.Fit(vectors, dims, k, settings.Seed, cancellationToken: cancellationToken, progress: progress);
        progress?.Report(StageProgress.Step("map layout"));
        var map = ClusterLayout.Place(vectors, dims, fit.Assignment, fit.Centroids, settings.Seed);
        progress?.Report(StageProgress.StepDone("map layout"));
        watch.Stop();

        progress?.Report(StageProgress.Step("labels"));
        var descriptions = inputs.Descriptions(cancellationToken);
        var paths = inputs.Paths();
        var labels = ClassTfIdf.Label([.. ids.Select((id, i) => (fit.Assignment[i], descriptions.TryGetValue(id, out var d) ? d.Prompt : null))], k);
        var pathWords = PathTokens.Of([.. ids.Select(id => paths.GetValueOrDefault(id))]);
        var folderLabels = ClassTfIdf.Label([.. ids.Select((_, i) => (fit.Assignment[i], (IEnumerable<string>)pathWords[i].Folders))], k);
        var nameLabels = ClassTfIdf.Label([.. ids.Select((_, i) => (fit.Assignment[i], (IEnumerable<string>)pathWords[i].Name))], k);
        var tags = new TagStore(database).NamesByImage();
        var tagLabels = ClassTfIdf.Label([.. ids.Select((id, i) => (fit.Assignment[i], (IEnumerable<string>)tags.GetValueOrDefault(id, [])))], k);
        IReadOnlyList<float[]>? styleVectors = null;
        // A text tower of another size belongs to another model: its words would be compared in a foreign space.
        if (textEmbedder is not null && textEmbedder.Model.Dimensions != dims)
        {
            textEmbedder = null;
        }

        if (textEmbedder is not null)
        {
            styleVectors = [.. StyleVocabulary.Words.Select(w => textEmbedder.Embed(StyleVocabulary.Caption(w)))];
        }

        var medoids = fit.Medoids();
        var members = new List<long>[k];
        for (var c = 0; c < k; c++)
        {
            members[c] = [];
        }

        foreach (var i in Enumerable.Range(0, n).OrderByDescending(i => fit.Similarity[i]).ThenBy(i => ids[i]))
        {
            members[fit.Assignment[i]].Add(ids[i]);
        }

        var summaries = new List<ClusterSummary>(k);
        for (var c = 0; c < k; c++)
        {
            var inCluster = members[c].Select(id => descriptions.TryGetValue(id, out var d) ? d : default).ToList();
            long? medoid = medoids[c] >= 0 ? ids[medoids[c]] : null;
            summaries.Add(new ClusterSummary(
                c + 1,
                members[c].Count,
                medoid,
                medoid is { } m && paths.TryGetValue(m, out var p) ? p : null,
                [.. LabelWords.DistinctStems(labels[c].Select(w => w.Word))],
                styleVectors is null ? [] : [.. StyleVocabulary.Nearest(fit.Centroid(c), styleVectors).Select(s => s.Word)],
                Top(inCluster.Select(d => d.Model)),
                Top(inCluster.SelectMany(d => d.Loras ?? [])),
                [.. LabelWords.DistinctStems(folderLabels[c].Take(2).Concat(nameLabels[c].Take(3)).Select(w => w.Word))],
                [.. LabelWords.DistinctStems(tagLabels[c].Select(w => w.Word))],
                members[c]));
        }

        // Clusters are numbered biggest first, so "cluster 1" means the same thing to everyone reading the output.
        var order = summaries.OrderByDescending(s => s.Size).ThenBy(s => s.MedoidImageId).ToList();
        var renumber = new int[k];
        for (var r = 0; r < order.Count; r++)
        {
            renumber[order[r].Cluster - 1] = r;
        }

        var numbered = order.Select((s, r) => s with { Cluster = r + 1 }).ToList();
        var assignment = fit.Assignment.Select(c => renumber[c]).ToArray();
        var centroids = new float[fit.Centroids.Length];
        for (var c = 0; c < k; c++)
        {
            fit.Centroid(c).CopyTo(centroids.AsSpan(renumber[c] * dims, dims));
        }

        var similarity = fit.Similarity;
        fit = fit with { Assignment = assignment, Centroids = centroids };

        progress?.Report(StageProgress.StepDone("labels"));
        ClusterSpread? spread = settings.By is null ? null : Spread(settings.By, ids, assignment, k, descriptions);
        var now = DateTimeOffset.UtcNow;
        new ClusterStore(database).Replace(
            [.. numbered.Select(s => new StoredCluster(s.Cluster, modelId, s.Size, s.MedoidImageId, Label(s), [.. s.Words, .. s.Styles, .. s.Tags, .. s.PathWords], now))],
            [.. ids.Select((id, i) => new StoredClusterMember(id, assignment[i] + 1, similarity[i], map[2 * i], map[(2 * i) + 1]))],
            cancellationToken);

        var note = textEmbedder is null ? $"pack '{modelId}' has no text tower here: no style words" : null;
        var run = new ClustersRun(database.Path, modelId, k, choice, settings.Seed, n, dims, watch.Elapsed.TotalSeconds, numbered, scores, spread, note);
        return (run, fit, ids, map);
    }

    /// <summary>
    /// Prompt words when the members have prompts; else their tags (what a tagger saw in the pixels), followed by
    /// the top folder or file-name word when there is one; else the path words; the style word leads when known.
    /// </summary>
    public static string Label(ClusterSummary summary) =>
        summary.Styles.Count > 0 && summary.Words.Count > 0 ? $"{summary.Styles[0]} · {string.Join(", ", summary.Words.Take(3))}"
        : summary.Words.Count > 0 ? string.Join(", ", summary.Words.Take(3))
        : summary.Tags.Count > 0 ? string.Join(" · ", new[] { summary.Styles.FirstOrDefault(), string.Join(", ", summary.Tags.Take(3)), summary.PathWords.FirstOrDefault() }.Where(p => p is not null))
        : summary.Styles.Count > 0 && summary.PathWords.Count > 0 ? $"{summary.Styles[0]} · {string.Join(", ", summary.PathWords.Take(3))}"
        : summary.Styles.Count > 0 ? summary.Styles[0]
        : summary.PathWords.Count > 0 ? string.Join(", ", summary.PathWords.Take(3))
        : $"cluster {summary.Cluster}";

    private static List<NameCount> Top(IEnumerable<string?> names) =>
        [.. names.Where(n => !string.IsNullOrWhiteSpace(n)).GroupBy(n => n!, StringComparer.Ordinal)
            .Select(g => new NameCount(g.Key, g.Count())).OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).Take(3)];

    private static ClusterSpread Spread(string by, long[] ids, int[] assignment, int k, Dictionary<long, (string? Prompt, string? Model, string? Generator, string[] Loras)> descriptions)
    {
        var rows = new Dictionary<string, int[]>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            descriptions.TryGetValue(ids[i], out var d);
            IEnumerable<string?> names = by switch
            {
                "lora" => d.Loras is { Length: > 0 } loras ? loras.Distinct(StringComparer.Ordinal) : ["(no LoRA)"],
                "model" => [d.Model ?? "(unknown)"],
                _ => [d.Generator ?? "(unknown)"],
            };
            foreach (var name in names)
            {
                if (!rows.TryGetValue(name!, out var counts))
                {
                    rows[name!] = counts = new int[k];
                }

                counts[assignment[i]]++;
            }
        }

        return new ClusterSpread(by, [.. rows.Select(r => new SpreadRow(r.Key, r.Value.Sum(), r.Value))
            .OrderByDescending(r => r.Images).ThenBy(r => r.Name, StringComparer.Ordinal)]);
    }
}
