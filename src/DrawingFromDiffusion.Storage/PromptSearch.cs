using System.Text;
using DrawingFromDiffusion.Core.Search;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>Prompt word search (FTS5, BM25) and catalog filters over the generation records, plus facet counts.</summary>
public sealed class PromptSearch(CatalogDatabase database)
{
    /// <exception cref="PromptQueryException">the words are not a valid FTS5 query.</exception>
    public IReadOnlyList<PromptHit> Search(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = string.IsNullOrWhiteSpace(query.PromptWords) ? null : query.PromptWords.Trim();
        var limit = Math.Clamp(query.Limit, 1, 100_000);
        if (words is not null && query.Filters.IsEmpty)
        {
            // A common word matches a large share of a 1M catalog: rank the full-text index alone, then join the best few.
            // Only images without a file drop out after ranking, so when `limit` survive they are exactly the full query's.
            var best = Search(words, query.Filters, limit, rankedPrefix: (limit * 2) + 16);
            if (best.Count == limit)
            {
                return best;
            }
        }

        return Search(words, query.Filters, limit, rankedPrefix: null);
    }

    private List<PromptHit> Search(string? words, SearchFilters filters, int limit, int? rankedPrefix)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        const string Columns = """
            SELECT i.id, (SELECT min(path) FROM files WHERE files.image_id = i.id), g.generator, g.model, g.seed_text, g.steps,
                   g.sampler, g.cfg_scale, g.width, g.height, g.prompt,
            """;
        var sql = new StringBuilder();
        if (words is not null && rankedPrefix is { } prefix)
        {
            sql.Append("WITH ranked AS (SELECT rowid AS id, bm25(prompts_fts) AS score FROM prompts_fts WHERE prompts_fts MATCH $words")
                .Append(" ORDER BY score, rowid DESC LIMIT $prefix) ")
                .Append(Columns).Append(" ranked.score FROM ranked JOIN images i ON i.id = ranked.id JOIN generation g ON g.image_id = i.id")
                .Append(" WHERE EXISTS (SELECT 1 FROM files WHERE files.image_id = i.id) ORDER BY ranked.score, i.id DESC LIMIT $limit");
            command.Parameters.AddWithValue("$prefix", prefix);
            command.Parameters.AddWithValue("$words", "prompt : (" + words + ")");
        }
        else if (words is not null)
        {
            // Rank the matching ids first and read the rows of the best only, not the result columns of every match.
            // Positive prompt only: a word in the negative prompt is what the image should not show.
            sql.Append("WITH ranked AS (SELECT i.id AS id, bm25(prompts_fts) AS score FROM prompts_fts")
                .Append(" JOIN images i ON i.id = prompts_fts.rowid JOIN generation g ON g.image_id = i.id")
                .Append(" WHERE prompts_fts MATCH $words AND EXISTS (SELECT 1 FROM files WHERE files.image_id = i.id)");
            CatalogFilterSql.Append(sql, command, filters, "i.id");
            sql.Append(" ORDER BY score, i.id DESC LIMIT $limit) ")
                .Append(Columns).Append(" ranked.score FROM ranked JOIN images i ON i.id = ranked.id JOIN generation g ON g.image_id = i.id")
                .Append(" ORDER BY ranked.score, i.id DESC");
            command.Parameters.AddWithValue("$words", "prompt : (" + words + ")");
        }
        else
        {
            // Filters alone list every matching image, prompt or not: a metadata-less file has no generation row.
            sql.Append(Columns).Append(" NULL FROM images i LEFT JOIN generation g ON g.image_id = i.id")
                .Append(" WHERE EXISTS (SELECT 1 FROM files WHERE files.image_id = i.id)");
            CatalogFilterSql.Append(sql, command, filters, "i.id");
            sql.Append(" ORDER BY (SELECT max(mtime_ticks) FROM files WHERE files.image_id = i.id) DESC, i.id DESC LIMIT $limit");
        }

        command.Parameters.AddWithValue("$limit", limit);
        command.CommandText = sql.ToString();

        var hits = new List<PromptHit>();
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                hits.Add(new PromptHit(
                    reader.GetInt64(0),
                    reader.IsDBNull(1) ? "" : reader.GetString(1),
                    Text(reader, 2),
                    Text(reader, 3),
                    Text(reader, 4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    Text(reader, 6),
                    reader.IsDBNull(7) ? null : reader.GetDouble(7),
                    reader.IsDBNull(8) ? null : reader.GetInt32(8),
                    reader.IsDBNull(9) ? null : reader.GetInt32(9),
                    Text(reader, 10),
                    reader.IsDBNull(11) ? null : reader.GetDouble(11)));
            }
        }
        catch (SqliteException ex) when (words is not null && ex.SqliteErrorCode == 1)
        {
            throw new PromptQueryException(
                $"cannot search prompts for '{words}': {ex.Message.Replace("SQLite Error 1: ", "", StringComparison.Ordinal).TrimEnd('.')}. " +
                "Use plain words (all must appear), \"a quoted phrase\", a prefix* or AND / OR / NOT; quote words that contain punctuation.",
                ex);
        }

        return hits;
    }

    public GenerationFacets Facets(int top = 50)
    {
        using var connection = database.Connect();
        var total = (long)Scalar(connection, "SELECT count(*) FROM generation")!;
        return new GenerationFacets(
            total,
            Counts(connection, "SELECT generator, count(*), NULL FROM generation WHERE generator IS NOT NULL GROUP BY generator ORDER BY 2 DESC, 1 LIMIT $top", top),
            Counts(connection, "SELECT model, count(*), NULL FROM generation WHERE model IS NOT NULL GROUP BY model ORDER BY 2 DESC, 1 LIMIT $top", top),
            Counts(connection, "SELECT name, count(DISTINCT image_id), avg(weight) FROM loras GROUP BY name ORDER BY 2 DESC, 1 LIMIT $top", top),
            Counts(connection, "SELECT sampler, count(*), NULL FROM generation WHERE sampler IS NOT NULL GROUP BY sampler ORDER BY 2 DESC, 1 LIMIT $top", top));
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static List<FacetCount> Counts(SqliteConnection connection, string sql, int top)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$top", top);
        using var reader = command.ExecuteReader();
        var list = new List<FacetCount>();
        while (reader.Read())
        {
            list.Add(new FacetCount(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : Math.Round(reader.GetDouble(2), 4)));
        }

        return list;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
