using System.Globalization;
using DrawingFromDiffusion.Core.Grids;

namespace DrawingFromDiffusion.Storage;

/// <summary>What `dfd grid` reads: every image with a prompt and its parameters, and stored adherence scores.</summary>
public sealed class GridInputs(CatalogDatabase database)
{
    public IReadOnlyList<GenerationParameters> Generations()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT g.image_id, g.prompt, g.model, g.seed, g.cfg_scale, g.steps, g.sampler, g.width, g.height,
                   (SELECT group_concat(name || ':' || printf('%g', coalesce(weight, 1)), '+')
                    FROM (SELECT name, weight FROM loras l WHERE l.image_id = g.image_id ORDER BY name, weight))
            FROM generation g
            WHERE g.prompt IS NOT NULL AND g.prompt <> '' AND EXISTS (SELECT 1 FROM files f WHERE f.image_id = g.image_id)
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<GenerationParameters>();
        while (reader.Read())
        {
            rows.Add(new GenerationParameters(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.IsDBNull(9) ? "" : reader.GetString(9),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetInt32(8)));
        }

        return rows;
    }

    /// <summary>Stored adherence (see `dfd adherence`) of <paramref name="ids"/> for <paramref name="modelId"/>.</summary>
    public Dictionary<long, double> StoredAdherence(IEnumerable<long> ids, string modelId)
    {
        using var connection = database.Connect();
        var scores = new Dictionary<long, double>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"SELECT image_id, score FROM adherence WHERE model_id = $model AND image_id IN ({string.Join(',', chunk)})");
            command.Parameters.AddWithValue("$model", modelId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                scores[reader.GetInt64(0)] = reader.GetDouble(1);
            }
        }

        return scores;
    }
}
