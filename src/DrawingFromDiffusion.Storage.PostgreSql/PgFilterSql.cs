using System.Globalization;
using System.Text;
using DrawingFromDiffusion.Core.Search;
using Npgsql;

namespace DrawingFromDiffusion.Storage.PostgreSql;

/// <summary>
/// <see cref="SearchFilters"/> as PostgreSQL conditions, always bound as parameters: the same meaning as SQLite's
/// CatalogFilterSql (names case-insensitive, model and LoRA substrings unless whole names are asked).
/// </summary>
internal static class PgFilterSql
{
    /// <summary>Appends " AND …" for every filter set; <paramref name="idColumn"/> names the image id, with `generation g` left-joined.</summary>
    public static void Append(StringBuilder sql, NpgsqlCommand command, SearchFilters filters, string idColumn)
    {
        void Add(string name, object value) => command.Parameters.AddWithValue(name, value);
        if (filters.Generator is { } generator)
        {
            sql.Append(" AND lower(g.generator) = lower(@f_generator)");
            Add("f_generator", generator);
        }

        if (filters.Model is { } model)
        {
            sql.Append(filters.WholeNames ? " AND lower(g.model) = lower(@f_model)" : " AND g.model ILIKE @f_model");
            Add("f_model", filters.WholeNames ? model : "%" + EscapeLike(model) + "%");
        }

        if (filters.Sampler is { } sampler)
        {
            sql.Append(" AND lower(g.sampler) = lower(@f_sampler)");
            Add("f_sampler", sampler);
        }

        if (filters.Tag is { } tag)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM image_tags t WHERE t.image_id = ").Append(idColumn).Append(" AND lower(t.name) = lower(@f_tag))");
            Add("f_tag", tag.Replace(' ', '_'));
        }

        if (filters.Lora is { } lora)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM loras l WHERE l.image_id = ").Append(idColumn)
                .Append(filters.WholeNames ? " AND lower(l.name) = lower(@f_lora))" : " AND l.name ILIKE @f_lora)");
            Add("f_lora", filters.WholeNames ? lora : "%" + EscapeLike(lora) + "%");
        }

        if (filters.Seed is { } seed)
        {
            if (seed.IsExact)
            {
                sql.Append(" AND g.seed_text = @f_seed");
                Add("f_seed", seed.Min!.Value.ToString("0", CultureInfo.InvariantCulture));
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
            fileConditions.Add("f.path LIKE @f_folder");
            Add("f_folder", EscapeLike(folder.TrimEnd(Path.DirectorySeparatorChar)) + Path.DirectorySeparatorChar + "%");
        }

        if (filters.Since is { } since)
        {
            fileConditions.Add("f.mtime_ticks >= @f_since");
            Add("f_since", since.UtcTicks);
        }

        if (filters.Until is { } until)
        {
            fileConditions.Add("f.mtime_ticks < @f_until");
            Add("f_until", until.UtcTicks);
        }

        if (filters.AdherenceBelow is { } adherence)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM adherence a WHERE a.image_id = ").Append(idColumn).Append(" AND a.score < @f_adherence)");
            Add("f_adherence", adherence);
        }

        if (fileConditions.Count > 0)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM files f WHERE f.image_id = ").Append(idColumn).Append(" AND ").Append(string.Join(" AND ", fileConditions)).Append(')');
        }
    }

    /// <summary>Escapes LIKE's wildcards (PostgreSQL's default escape character is the backslash).</summary>
    public static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static void Range(StringBuilder sql, NpgsqlCommand command, string column, string name, ValueRange? range)
    {
        if (range is not { } r)
        {
            return;
        }

        if (r.Min is { } min)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {column} >= @f_{name}_min");
            command.Parameters.AddWithValue($"f_{name}_min", (double)min);
        }

        if (r.Max is { } max)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {column} <= @f_{name}_max");
            command.Parameters.AddWithValue($"f_{name}_max", (double)max);
        }
    }

    private static decimal? Clamp(decimal? value) => value is null ? null : Math.Clamp(value.Value, long.MinValue, long.MaxValue);
}
