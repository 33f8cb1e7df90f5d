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
            SELECT g.image_id, (SELECT min(path) FROM files WHERE files.image_id = g.image_id), g.generator, g.model, g.seed_text, g.steps,
                   g.sampler, g.cfg_scale, g.width, g.height, g.prompt, {0}
            FROM generation g
            """);
        var words = string.IsNullOrWhiteSpace(query.PromptWords) ? null : query.PromptWords.Trim();
        if (words is not null)
        {
            // Positive prompt only: a word in the negative prompt is what the image should not show.
            sql.Append(" JOIN prompts_fts ON prompts_fts.rowid = g.image_id AND prompts_fts MATCH $words");
            command.Parameters.AddWithValue("$words", "prompt : (" + words + ")");
        }

        sql.Append(" WHERE EXISTS (SELECT 1 FROM files WHERE files.image_id = g.image_id)");
        AppendFilters(sql, command, query.Filters);
        sql.Append(words is null ? " ORDER BY g.image_id DESC" : " ORDER BY bm25(prompts_fts), g.image_id DESC");
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

    /// <summary>Appends " AND …" for every filter set; <paramref name="idColumn"/> names the image id in the caller's FROM (with `generation g` joined).</summary>
    internal static void AppendFilters(StringBuilder sql, SqliteCommand command, SearchFilters filters, string idColumn = "g.image_id")
    {
        if (filters.Generator is { } generator)
        {
            sql.Append(" AND g.generator = $generator COLLATE NOCASE");
            command.Parameters.AddWithValue("$generator", generator);
        }

        if (filters.Model is { } model)
        {
            sql.Append(" AND g.model LIKE $model ESCAPE '\\'");
            command.Parameters.AddWithValue("$model", "%" + EscapeLike(model) + "%");
        }

        if (filters.Sampler is { } sampler)
        {
            sql.Append(" AND g.sampler = $sampler COLLATE NOCASE");
            command.Parameters.AddWithValue("$sampler", sampler);
        }

        if (filters.Lora is { } lora)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM loras l WHERE l.image_id = " + idColumn + " AND l.name LIKE $lora ESCAPE '\\')");
            command.Parameters.AddWithValue("$lora", "%" + EscapeLike(lora) + "%");
        }

        if (filters.Seed is { } seed)
        {
            if (seed.IsExact)
            {
                // Exact text match keeps seeds beyond the 64-bit integer column exact.
                sql.Append(" AND g.seed_text = $seed");
                command.Parameters.AddWithValue("$seed", seed.Min!.Value.ToString("0", CultureInfo.InvariantCulture));
            }
            else
            {
                Range(sql, command, "g.seed", "seed", new ValueRange(Clamp(seed.Min), Clamp(seed.Max)));
            }
        }

        Range(sql, command, "g.steps", "steps", filters.Steps);
        Range(sql, command, "g.cfg_scale", "cfg", filters.Cfg);
        Range(sql, command, "g.width", "width", filters.Width);
        Range(sql, command, "g.height", "height", filters.Height);
        var fileConditions = new List<string>();
        if (filters.Folder is { } folder)
        {
            fileConditions.Add("f.path LIKE $folder ESCAPE '\\'");
            command.Parameters.AddWithValue("$folder", EscapeLike(folder.TrimEnd(Path.DirectorySeparatorChar)) + Path.DirectorySeparatorChar + "%");
        }

        if (filters.Since is { } since)
        {
            fileConditions.Add("f.mtime_ticks >= $since");
            command.Parameters.AddWithValue("$since", since.UtcTicks);
        }

        if (filters.Until is { } until)
        {
            fileConditions.Add("f.mtime_ticks < $until");
            command.Parameters.AddWithValue("$until", until.UtcTicks);
        }

        if (filters.AdherenceBelow is { } adherence)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM adherence a WHERE a.image_id = ").Append(idColumn).Append(" AND a.score < $adherence)");
            command.Parameters.AddWithValue("$adherence", adherence);
        }

        if (fileConditions.Count > 0)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM files f WHERE f.image_id = ").Append(idColumn).Append(" AND ").Append(string.Join(" AND ", fileConditions)).Append(')');
        }
    }

    private static void Range(StringBuilder sql, SqliteCommand command, string column, string name, ValueRange? range)
    {
        if (range is not { } r)
        {
            return;
        }

        if (r.Min is { } min)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {column} >= ${name}Min");
            command.Parameters.AddWithValue($"${name}Min", (double)min);
        }

        if (r.Max is { } max)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {column} <= ${name}Max");
            command.Parameters.AddWithValue($"${name}Max", (double)max);
        }
    }

    private static decimal? Clamp(decimal? value) => value is null ? null : Math.Clamp(value.Value, long.MinValue, long.MaxValue);

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

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
