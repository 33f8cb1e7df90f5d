using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.App.PostgreSql;

/// <summary>Mode, fusion, rows and order: the SQLite engine's rules over PostgreSQL's rankings.</summary>
internal sealed partial class PgSearchEngine
{
    private (string Mode, string? Note) ResolveMode(ImageQuery query)
    {
        var hasVectorPart = query.Terms.Count > 0 || query.ImagePath is not null;
        var textOk = CanEmbedText || (query.Terms.Count == 0 && query.ImagePath is not null && Pack is not null);
        var reason = PackProblem ?? (Pack is null ? "no model pack installed" : $"pack '{Pack.Id}' has no text tower");
        switch (query.Mode)
        {
            case QueryMode.Prompt:
                return ("prompt", "prompt mode asked: prompt words only (PostgreSQL full-text, ts_rank_cd)");
            case QueryMode.Clip or QueryMode.Hybrid when !textOk:
                throw new SearchUnavailableException($"--mode {query.Mode.ToString().ToLowerInvariant()} needs a CLIP pack with a text tower: {reason}");
            case QueryMode.Clip:
                return ("clip", $"clip mode asked: CLIP similarity only ({Pack!.Id})");
            case QueryMode.Hybrid:
                return ("hybrid", $"hybrid mode asked: CLIP ({Pack!.Id}) fused with prompt full-text by reciprocal rank");
        }

        if (!hasVectorPart)
        {
            return ("prompt", "only --prompt words or filters given: prompt search");
        }

        if (!textOk)
        {
            return query.ImagePath is not null
                ? throw new SearchUnavailableException($"--image with text needs a CLIP pack with a text tower: {reason}")
                : ("prompt", $"{reason}: searching prompts only");
        }

        return query.Terms.Count == 0
            ? ("clip", $"image query: similarity over {Pack!.Id} vectors")
            : ("hybrid", $"hybrid: CLIP ({Pack!.Id}) fused with prompt full-text by reciprocal rank (pack has a text tower)");
    }

    private static List<(long Id, double Score, double? Similarity, int? ClipRank, int? PromptRank, double? Rank)> Fuse(
        List<(long Id, double Similarity)> clip, List<(long Id, double? Rank)> prompt)
    {
        var fused = RankFusion.Fuse([clip.Select(c => c.Id).ToList(), prompt.Select(p => p.Id).ToList()]);
        var similarity = clip.ToDictionary(c => c.Id, c => c.Similarity);
        var rank = prompt.ToDictionary(p => p.Id, p => p.Rank);
        return fused.Select(f => (f.Key, f.Score, similarity.TryGetValue(f.Key, out var s) ? s : (double?)null, f.Ranks[0], f.Ranks[1], rank.GetValueOrDefault(f.Key))).ToList();
    }

    private async Task<List<ResultItem>> JoinAsync(List<(long Id, double Score, double? Similarity, int? ClipRank, int? PromptRank, double? Rank)> ranked, CancellationToken cancellationToken)
    {
        var rows = await _reader.RowsAsync(ranked.Select(r => r.Id), Pack?.Id, cancellationToken);
        var items = new List<ResultItem>(ranked.Count);
        foreach (var r in ranked)
        {
            if (rows.TryGetValue(r.Id, out var row))
            {
                items.Add(new ResultItem(row, r.Score, r.Similarity, r.ClipRank, r.PromptRank, r.Rank, Why(r.Similarity, r.ClipRank, r.PromptRank, r.Rank), []));
            }
        }

        return items;
    }

    private static IEnumerable<ResultItem> Order(List<ResultItem> items, ResultSort sort, int? seed) => sort switch
    {
        ResultSort.Date => items.OrderByDescending(i => i.Row.Modified ?? DateTimeOffset.MinValue).ThenByDescending(i => i.Score),
        ResultSort.Random => Shuffled(items, seed is { } s ? new Random(s) : Random.Shared),
        ResultSort.Adherence => items.OrderBy(i => i.Row.Adherence ?? double.MaxValue).ThenByDescending(i => i.Score),
        _ => items,
    };

    private static List<ResultItem> Shuffled(List<ResultItem> items, Random random)
    {
        var copy = items.ToArray();
        random.Shuffle(copy);
        return [.. copy];
    }
}
