using System.Globalization;
using System.Numerics;
using System.Text;
using DrawingFromDiffusion.App.Contracts;
using DrawingFromDiffusion.Core.VectorIndex;
using DrawingFromDiffusion.Storage;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.App.Browsing;

/// <summary>
/// The part of <see cref="QueryService"/> that needs the catalog alone, for browsing and for a catalog without vectors:
/// text is matched word by word with LIKE over `generation.prompt` (every word must appear), and
/// "similar" and search-by-image rank by pHash Hamming distance. Every answer says so in its note.
/// </summary>
internal sealed class CatalogSearch(ReadOnlyCatalog catalog)
{
    public const string NoVectorsNote = "No vector index yet: text search ran over the prompt words instead.";
    public const string PHashNote = "No vector index yet: ranked by perceptual hash (pHash) distance, which finds near-copies rather than similar styles.";

    private const int MaxWords = 16;

    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var note = request.Mode is SearchMode.Text or SearchMode.Hybrid ? NoVectorsNote : null;
        var words = request.Query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxWords)
            .ToArray();

        await using var connection = await catalog.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new StringBuilder();
        CatalogFilterSql.Append(where, command, request.Filters.ToCatalogFilters(), "i.id");
        for (var i = 0; i < words.Length; i++)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND g.prompt LIKE $w{i} ESCAPE '\\'");
            command.Parameters.AddWithValue($"$w{i}", CatalogFilterSql.ContainsPattern(words[i]));
        }

        command.CommandText = $"SELECT {HitRows.HitColumns} FROM {HitRows.From} WHERE i.kind != 'video_frame'{where} ORDER BY i.id DESC LIMIT $k";
        command.Parameters.AddWithValue("$k", request.K);
        var why = words.Length == 0 ? "newest in the catalog" : "prompt contains " + string.Join(", ", words.Select(w => $"\"{w}\""));
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(HitRows.ReadHit(reader, null, why));
        }

        return new SearchResponse(words.Length == 0 ? "browse" : "prompt", note, hits);
    }

    public async Task<SearchResponse> SimilarAsync(long imageId, int k, SearchFilters filters, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT phash FROM images WHERE id = $id";
        command.Parameters.AddWithValue("$id", imageId);
        if (await command.ExecuteScalarAsync(cancellationToken) is not long phash)
        {
            return new SearchResponse("phash", "This image has no perceptual hash, so nothing can be compared with it.", []);
        }

        return await NearestAsync(connection, unchecked((ulong)phash), imageId, k, filters, cancellationToken);
    }

    public async Task<SearchResponse> ImageSearchAsync(QueryImage image, int k, SearchFilters filters, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenAsync(cancellationToken);
        return await NearestAsync(connection, image.Facts.PHash, null, k, filters, cancellationToken);
    }

    public async Task<Facets> FacetsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenAsync(cancellationToken);
        var generators = await CountsAsync(connection, "SELECT generator, count(*) FROM generation WHERE generator IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 200", cancellationToken);
        var checkpoints = await CountsAsync(connection, "SELECT model, count(*) FROM generation WHERE model IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 200", cancellationToken);
        var loras = await CountsAsync(connection, "SELECT name, count(DISTINCT image_id) FROM loras GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 200", cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM images), min(seed), max(seed) FROM generation";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Facets(
            reader.GetInt64(0),
            generators,
            checkpoints,
            loras,
            reader.IsDBNull(1) ? null : reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetInt64(2),
            ["auto", "prompt"]);
    }

    private static async Task<SearchResponse> NearestAsync(SqliteConnection connection, ulong query, long? exclude, int k, SearchFilters filters, CancellationToken cancellationToken)
    {
        // Two passes: rank every candidate's 64-bit hash in memory, then fetch the rows of the k best.
        // A max-heap (reversed comparer) of the k best so far: the worst is dropped first; ties keep the older id.
        // Videos are matched through their frames (the video row repeats its first frame's hash) and folded
        // into one result per video afterwards, so more candidates than k are kept.
        var best = new PriorityQueue<long, (int Distance, long Id)>(Comparer<(int Distance, long Id)>.Create((a, b) => b.CompareTo(a)));
        var frames = new Dictionary<long, Core.Search.FrameRef>();
        var keep = k * 4;
        await using (var command = connection.CreateCommand())
        {
            var where = new StringBuilder();
            CatalogFilterSql.Append(where, command, filters.ToCatalogFilters(), "i.id");
            command.CommandText = $"SELECT i.id, i.phash, i.video_id, i.timestamp_ms FROM {HitRows.From} WHERE i.phash IS NOT NULL AND i.kind != 'video'{where}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                if (id == exclude)
                {
                    continue;
                }

                if (!reader.IsDBNull(2))
                {
                    if (reader.GetInt64(2) == exclude)
                    {
                        continue;
                    }

                    frames[id] = new Core.Search.FrameRef(reader.GetInt64(2), reader.IsDBNull(3) ? 0 : reader.GetInt64(3));
                }

                var distance = BitOperations.PopCount(query ^ unchecked((ulong)reader.GetInt64(1)));
                best.Enqueue(id, (distance, id));
                if (best.Count > keep)
                {
                    best.Dequeue();
                }
            }
        }

        var ranked = new List<(long Id, int Distance)>(best.Count);
        while (best.TryDequeue(out var id, out var priority))
        {
            ranked.Add((id, priority.Distance));
        }

        ranked.Reverse();
        var grouped = Core.Search.VideoGrouping.Group(
            ranked.Select(r => new VectorHit(r.Id, r.Distance)).ToList(),
            id => frames.TryGetValue(id, out var frame) ? frame : null);
        var hits = new List<SearchHit>(Math.Min(k, grouped.Count));
        foreach (var group in grouped.Take(k))
        {
            var (id, distance) = (group.BestFrame?.FrameId ?? group.Id, (int)group.Distance);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {HitRows.HitColumns} FROM {HitRows.From} WHERE i.id = $id";
            command.Parameters.AddWithValue("$id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                hits.Add(HitRows.ReadHit(reader, 1.0 - (distance / 64.0), $"pHash differs in {distance} of 64 bits"));
            }
        }

        return new SearchResponse("phash", PHashNote, hits);
    }

    private static async Task<IReadOnlyList<FacetCount>> CountsAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<FacetCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new FacetCount(reader.GetString(0), reader.GetInt64(1)));
        }

        return list;
    }
}
