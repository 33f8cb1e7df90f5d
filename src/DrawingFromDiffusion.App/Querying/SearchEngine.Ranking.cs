using System.Globalization;
using System.Text;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Core.VectorIndex;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Storage.VectorIndex;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Querying;

/// <summary>Ranking: the prompt query, the fusion of vector and prompt ranks, why each result matched, and the sort.</summary>
internal partial class SearchEngine
{
    /// <summary>Positive terms' words OR'd, negative terms NOT'd: BM25 then ranks prompts holding more of the words higher.</summary>
    internal static string? PromptQuery(IReadOnlyList<QueryTerm> terms)
    {
        static IEnumerable<string> Words(IEnumerable<QueryTerm> ts) => QueryVector.PromptWords(ts)
            .Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        var positive = Words(terms.Where(t => t.Weight > 0)).ToList();
        if (positive.Count == 0)
        {
            return null;
        }

        var sql = new StringBuilder("(").Append(string.Join(" OR ", positive)).Append(')');
        foreach (var negative in Words(terms.Where(t => t.Weight < 0)))
        {
            sql.Append(" NOT ").Append(negative);
        }

        return sql.ToString();
    }

    private List<ResultItem> Fuse(List<(long Id, double Similarity)> clip, List<PromptHit> prompt, Dictionary<long, IReadOnlyList<FrameMatch>> frames)
    {
        var fused = RankFusion.Fuse([clip.Select(c => c.Id).ToList(), prompt.Select(p => p.ImageId).ToList()]);
        var similarity = clip.ToDictionary(c => c.Id, c => c.Similarity);
        var bm25 = prompt.ToDictionary(p => p.ImageId, p => p.Score);
        return Join(fused.Select(f => (f.Key, f.Score, similarity.TryGetValue(f.Key, out var s) ? s : (double?)null, f.Ranks[0], f.Ranks[1], bm25.GetValueOrDefault(f.Key))), frames);
    }

    private List<ResultItem> Join(IEnumerable<(long Id, double Score, double? Similarity, int? ClipRank, int? PromptRank, double? Bm25)> ranked, Dictionary<long, IReadOnlyList<FrameMatch>> frames)
    {
        var list = ranked.ToList();
        var rows = _catalog.Rows(list.Select(r => r.Id), Pack?.Id);
        var items = new List<ResultItem>(list.Count);
        foreach (var r in list)
        {
            if (rows.TryGetValue(r.Id, out var row))
            {
                var matched = frames.GetValueOrDefault(r.Id) ?? [];
                items.Add(new ResultItem(row, r.Score, r.Similarity, r.ClipRank, r.PromptRank, r.Bm25, Why(r.Similarity, r.ClipRank, r.PromptRank, r.Bm25, matched), matched));
            }
        }

        return items;
    }

    private string Why(double? similarity, int? clipRank, int? promptRank, double? bm25, IReadOnlyList<FrameMatch> frames)
    {
        var parts = new List<string>(2);
        if (similarity is { } s)
        {
            var kind = CanEmbedText ? "CLIP similarity" : "image similarity";
            var where = frames.Count == 0 ? "" : $" at {VideoTime.Format(frames[0].TimestampMs)}{(frames.Count > 1 ? $" ({frames.Count} frames match)" : "")}";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{kind} {s:0.000} ({(clipRank is { } rank ? $"rank {rank}" : "a perceptual-hash neighbour")}){where}"));
        }

        if (promptRank is { } p)
        {
            parts.Add(bm25 is { } b
                ? string.Create(CultureInfo.InvariantCulture, $"prompt match rank {p} (BM25 {b:0.00})")
                : string.Create(CultureInfo.InvariantCulture, $"filters match (rank {p})"));
        }

        return string.Join("; ", parts);
    }

    private static IEnumerable<ResultItem> Order(List<ResultItem> items, ResultSort sort, int? seed) => sort switch
    {
        ResultSort.Date => items.OrderByDescending(i => i.Row.Modified ?? DateTimeOffset.MinValue).ThenByDescending(i => i.Score),
        ResultSort.Random => Shuffle(items, seed is { } s ? new Random(s) : Random.Shared),
        ResultSort.Adherence => items.OrderBy(i => i.Row.Adherence ?? double.MaxValue).ThenByDescending(i => i.Score),
        _ => items,
    };

    private static List<ResultItem> Shuffle(List<ResultItem> items, Random random)
    {
        var copy = items.ToArray();
        random.Shuffle(copy);
        return [.. copy];
    }
}
