using System.Text;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Search;
using Npgsql;
using Pgvector;

namespace DrawingFromDiffusion.Storage.PostgreSql;

/// <summary>
/// Queries over a PostgreSQL catalog: filtered nearest neighbours in one SQL statement (HNSW with iterative scans, so
/// filters still return k), prompt words with full-text search (tsvector, ts_rank_cd), and the rows results show.
/// </summary>
public sealed class PgSearch(PgCatalog catalog)
{
    /// <summary>HNSW candidates per query; iterative scans go on past it until k rows pass the filters.</summary>
    public int EfSearch { get; init; } = 100;

    /// <summary>
    /// The <paramref name="k"/> images nearest <paramref name="query"/> among <paramref name="modelId"/>'s vectors that
    /// pass <paramref name="filters"/> and are not in <paramref name="leaveOut"/>; distance = cosine distance in f32.
    /// </summary>
    public async Task<IReadOnlyList<(long ImageId, double Distance)>> NearestAsync(
        string modelId, float[] query, int k, SearchFilters filters, IReadOnlyCollection<long> leaveOut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(filters);
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sql = new PgSql(connection, transaction, cancellationToken);
        var precision = await sql.ScalarAsync<string?>("SELECT dtype FROM embeddings WHERE model_id = @model LIMIT 1", ("model", modelId)) == "f32"
            ? VectorPrecision.Float32
            : VectorPrecision.Float16;
        await sql.ExecuteAsync($"SET LOCAL hnsw.ef_search = {Math.Clamp(Math.Max(EfSearch, k), 1, 1000)}");
        await sql.ExecuteAsync("SET LOCAL hnsw.iterative_scan = relaxed_order");
        var expression = "e." + PgEmbeddingStore.VectorExpression(query.Length, precision);
        var queryParameter = precision == VectorPrecision.Float16 ? "@qh" : "@q";
        // relaxed_order may return rows slightly out of order: the outer query sorts the materialized top k again.
        var text = new StringBuilder(
            $"""
            WITH near AS MATERIALIZED (
                SELECT e.image_id, ({expression} <=> {queryParameter}) AS index_distance,
                       ({(precision == VectorPrecision.Float16 ? "e.half::vector" : "e.vector")} <=> @q) AS distance
                FROM embeddings e LEFT JOIN generation g ON g.image_id = e.image_id
                WHERE e.model_id = {PgEmbeddingStore.Literal(modelId)} AND e.dims = {query.Length}
                  AND {(precision == VectorPrecision.Float16 ? "e.half" : "e.vector")} IS NOT NULL
                  AND NOT (e.image_id = ANY(@leaveOut))
                  AND EXISTS (SELECT 1 FROM files fx JOIN images ix ON ix.id = e.image_id WHERE fx.image_id = coalesce(ix.video_id, e.image_id))
            """);
        await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        PgFilterSql.Append(text, command, filters, "e.image_id");
        text.Append($" ORDER BY {expression} <=> {queryParameter} LIMIT @k) SELECT image_id, distance FROM near ORDER BY distance, image_id");
        command.CommandText = text.ToString();
        command.Parameters.AddWithValue("q", new Vector(query));
        if (precision == VectorPrecision.Float16)
        {
            command.Parameters.AddWithValue("qh", new HalfVector(query.Select(x => (Half)x).ToArray()));
        }

        command.Parameters.AddWithValue("leaveOut", leaveOut.ToArray());
        command.Parameters.AddWithValue("k", k);
        var hits = new List<(long, double)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                hits.Add((reader.GetInt64(0), reader.GetDouble(1)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return hits;
    }

    /// <summary>
    /// Images whose positive prompt matches: <paramref name="websearch"/> in websearch syntax ("a phrase", or, -not) when
    /// given, else any of <paramref name="anyOf"/> and none of <paramref name="noneOf"/>; ranked by ts_rank_cd (higher is
    /// better). With no words, every image passing the filters, newest file first, with a null rank.
    /// </summary>
    public async Task<IReadOnlyList<(long ImageId, double? Rank)>> PromptAsync(
        string? websearch, IReadOnlyList<string> anyOf, IReadOnlyList<string> noneOf, SearchFilters filters, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(anyOf);
        ArgumentNullException.ThrowIfNull(noneOf);
        ArgumentNullException.ThrowIfNull(filters);
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand { Connection = connection };
        string? tsquery = null;
        if (!string.IsNullOrWhiteSpace(websearch))
        {
            tsquery = "websearch_to_tsquery('simple', @words)";
            command.Parameters.AddWithValue("words", websearch);
        }
        else if (anyOf.Count > 0)
        {
            // Each word as a phrase of its own lexemes, OR'd; negative words NOT'd.
            tsquery = "(SELECT string_agg('(' || phraseto_tsquery('simple', w)::text || ')', ' | ') FROM unnest(@anyOf) w WHERE phraseto_tsquery('simple', w)::text <> '')::tsquery";
            command.Parameters.AddWithValue("anyOf", anyOf.ToArray());
            if (noneOf.Count > 0)
            {
                tsquery = $"({tsquery} && !!coalesce((SELECT string_agg('(' || phraseto_tsquery('simple', w)::text || ')', ' | ') FROM unnest(@noneOf) w WHERE phraseto_tsquery('simple', w)::text <> '')::tsquery, ''::tsquery))";
                command.Parameters.AddWithValue("noneOf", noneOf.ToArray());
            }
        }

        var text = new StringBuilder(tsquery is null
            ? "SELECT i.id, NULL::float8 FROM images i LEFT JOIN generation g ON g.image_id = i.id"
            : $"SELECT i.id, ts_rank_cd(g.prompt_tsv, q)::float8 FROM images i JOIN generation g ON g.image_id = i.id CROSS JOIN {tsquery} q");
        text.Append(" WHERE EXISTS (SELECT 1 FROM files WHERE files.image_id = i.id)");
        if (tsquery is not null)
        {
            text.Append(" AND g.prompt_tsv @@ q");
        }

        PgFilterSql.Append(text, command, filters, "i.id");
        text.Append(tsquery is null
            ? " ORDER BY (SELECT max(mtime_ticks) FROM files WHERE files.image_id = i.id) DESC, i.id DESC"
            : " ORDER BY 2 DESC, i.id DESC");
        text.Append(" LIMIT @limit");
        command.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, 100_000));
        command.CommandText = text.ToString();
        var hits = new List<(long, double?)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetDouble(1)));
        }

        return hits;
    }
}
