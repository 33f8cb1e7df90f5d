using System.Text;
using DrawingFromDiffusion.Cli.Web.Contracts;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Cli.Web;

/// <summary>Turns <see cref="SearchFilters"/> into SQL over `images i LEFT JOIN generation g`, always as parameters.</summary>
internal static class SqlFilters
{
    public const string HitColumns = "i.id, i.width, i.height, i.format, g.generator, g.model, g.prompt, i.kind, i.video_id, i.timestamp_ms";

    public const string From = "images i LEFT JOIN generation g ON g.image_id = i.id";

    /// <summary>Appends " AND …" conditions for every filter set and binds their values to <paramref name="command"/>.</summary>
    public static string Where(SearchFilters filters, SqliteCommand command)
    {
        var sql = new StringBuilder();
        if (filters.Generator is { } generator)
        {
            sql.Append(" AND g.generator = $f_generator");
            command.Parameters.AddWithValue("$f_generator", generator);
        }

        if (filters.Checkpoint is { } checkpoint)
        {
            sql.Append(" AND g.model = $f_checkpoint");
            command.Parameters.AddWithValue("$f_checkpoint", checkpoint);
        }

        if (filters.Lora is { } lora)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM loras l WHERE l.image_id = i.id AND l.name = $f_lora)");
            command.Parameters.AddWithValue("$f_lora", lora);
        }

        if (filters.SeedMin is { } seedMin)
        {
            sql.Append(" AND g.seed >= $f_seed_min");
            command.Parameters.AddWithValue("$f_seed_min", seedMin);
        }

        if (filters.SeedMax is { } seedMax)
        {
            sql.Append(" AND g.seed <= $f_seed_max");
            command.Parameters.AddWithValue("$f_seed_max", seedMax);
        }

        return sql.ToString();
    }

    /// <summary>Reads a row selected with <see cref="HitColumns"/>.</summary>
    public static SearchHit ReadHit(SqliteDataReader reader, double? score, string why) => new(
        reader.GetInt64(0),
        score,
        why,
        reader.GetInt32(1),
        reader.GetInt32(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : Shorten(reader.GetString(6)),
        reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetInt64(8),
        reader.IsDBNull(9) ? null : reader.GetInt64(9));

    /// <summary>Escapes LIKE wildcards so user text matches literally (used with ESCAPE '\').</summary>
    public static string LikePattern(string word) =>
        "%" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static string Shorten(string prompt) => prompt.Length <= 300 ? prompt : string.Concat(prompt.AsSpan(0, 299), "…");
}
