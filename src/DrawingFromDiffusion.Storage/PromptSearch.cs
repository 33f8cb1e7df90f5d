using System.Globalization;
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
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        var sql = new StringBuilder(
            """
            SELECT i.id, (SELECT min(path) FROM files WHERE files.image_id = i.id), g.generator, g.model, g.seed_text, g.steps,
                   g.sampler, g.cfg_scale, g.width, g.height, g.prompt, {0}
            FROM images i
            """);
        var words = string.IsNullOrWhiteSpace(query.PromptWords) ? null : query.PromptWords.Trim();
        if (words is not null)
        {
            // Positive prompt only: a word in the negative prompt is what the image should not show.
            sql.Append(" JOIN generation g ON g.image_id = i.id JOIN prompts_fts ON prompts_fts.rowid = i.id AND prompts_fts MATCH $words");
            command.Parameters.AddWithValue("$words", "prompt : (" + words + ")");
        }
        else
        {
            // Filters alone list every matching image, prompt or not: a metadata-less file has no generation row.
            sql.Append(" LEFT JOIN generation g ON g.image_id = i.id");
        }

        sql.Append(" WHERE EXISTS (SELECT 1 FROM files WHERE files.image_id = i.id)");
        CatalogFilterSql.Append(sql, command, query.Filters, "i.id");
        sql.Append(words is null
            ? " ORDER BY (SELECT max(mtime_ticks) FROM files WHERE files.image_id = i.id) DESC, i.id DESC"
            : " ORDER BY bm25(prompts_fts), i.id DESC");
        sql.Append(" LIMIT $limit");
        command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, 100_000));
        command.CommandText = string.Format(CultureInfo.InvariantCulture, sql.ToString(), words is null ? "NULL" : "bm25(prompts_fts)");

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
