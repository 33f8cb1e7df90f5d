using System.Globalization;
using System.Text;
using DrawingFromDiffusion.Core.Search;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>The one translation of <see cref="SearchFilters"/> into SQL conditions, always bound as parameters.</summary>
public static class CatalogFilterSql
{
    /// <summary>Appends " AND …" for every filter set; <paramref name="idColumn"/> names the image id in the caller's FROM (with `generation g` joined).</summary>
    public static void Append(StringBuilder sql, SqliteCommand command, SearchFilters filters, string idColumn)
    {
        if (filters.Generator is { } generator)
        {
            sql.Append(" AND g.generator = $generator COLLATE NOCASE");
            command.Parameters.AddWithValue("$generator", generator);
        }

        if (filters.Model is { } model)
        {
            sql.Append(filters.WholeNames ? " AND g.model = $model COLLATE NOCASE" : " AND g.model LIKE $model ESCAPE '\\'");
            command.Parameters.AddWithValue("$model", filters.WholeNames ? model : ContainsPattern(model));
        }

        if (filters.Sampler is { } sampler)
        {
            sql.Append(" AND g.sampler = $sampler COLLATE NOCASE");
            command.Parameters.AddWithValue("$sampler", sampler);
        }

        if (filters.Tag is { } tag)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM image_tags t WHERE t.image_id = ").Append(idColumn).Append(" AND t.name = $tag COLLATE NOCASE)");
            command.Parameters.AddWithValue("$tag", tag.Replace(' ', '_'));
        }

        if (filters.RatingMin is { } stars)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM ratings r WHERE r.image_id = ").Append(idColumn).Append(" AND r.stars >= $ratingMin)");
            command.Parameters.AddWithValue("$ratingMin", stars);
        }

        if (filters.FavouritesOnly)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM ratings r WHERE r.image_id = ").Append(idColumn).Append(" AND r.favourite = 1)");
        }

        if (filters.Collection is { } collection)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM collection_images ci JOIN collections c ON c.id = ci.collection_id WHERE ci.image_id = ").Append(idColumn)
                .Append(" AND c.name = $collection)");
            command.Parameters.AddWithValue("$collection", collection);
        }

        if (filters.Lora is { } lora)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM loras l WHERE l.image_id = ").Append(idColumn)
                .Append(filters.WholeNames ? " AND l.name = $lora COLLATE NOCASE)" : " AND l.name LIKE $lora ESCAPE '\\')");
            command.Parameters.AddWithValue("$lora", filters.WholeNames ? lora : ContainsPattern(lora));
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

    /// <summary>A LIKE pattern (used with ESCAPE '\') that finds <paramref name="value"/> literally anywhere in the text.</summary>
    public static string ContainsPattern(string value) => "%" + EscapeLike(value) + "%";

    /// <summary>A LIKE pattern (used with ESCAPE '\') for text that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixPattern(string prefix) => EscapeLike(prefix) + "%";

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

}
