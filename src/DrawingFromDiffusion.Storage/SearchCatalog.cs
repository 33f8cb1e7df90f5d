using System.Globalization;
using System.Text;
using DrawingFromDiffusion.Core.Search;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>The catalog side of vector search: filter sets, result rows, path lookup and stored prompt adherence.</summary>
public sealed class SearchCatalog(CatalogDatabase database)
{
    /// <summary>
    /// Ids of the images that pass <paramref name="filters"/> and still have a file; a video's frames pass with their
    /// video (the file and the generation metadata are the video's). Null when no filter is set (all pass).
    /// </summary>
    public HashSet<long>? MatchingIds(SearchFilters filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.IsEmpty)
        {
            return null;
        }

        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        const string subject = "coalesce(i.video_id, i.id)";
        var sql = new StringBuilder($"SELECT i.id FROM images i LEFT JOIN generation g ON g.image_id = {subject} WHERE EXISTS (SELECT 1 FROM files WHERE files.image_id = {subject})");
        CatalogFilterSql.Append(sql, command, filters, subject);
        command.CommandText = sql.ToString();
        var ids = new HashSet<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>Rows of the given images that still have a file, keyed by id; <paramref name="adherenceModel"/> picks whose adherence is shown.</summary>
    public Dictionary<long, CatalogRow> Rows(IEnumerable<long> ids, string? adherenceModel)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var rows = new Dictionary<long, CatalogRow>();
        using var connection = database.Connect();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            using var command = connection.CreateCommand();
            command.CommandText = string.Format(
                CultureInfo.InvariantCulture,
                """
                SELECT i.id, (SELECT min(path) FROM files f WHERE f.image_id = i.id), i.width, i.height, g.generator, g.model, g.seed_text, g.prompt,
                       (SELECT max(mtime_ticks) FROM files f WHERE f.image_id = i.id),
                       (SELECT a.score FROM adherence a WHERE a.image_id = i.id AND ($model IS NULL OR a.model_id = $model) ORDER BY a.model_id LIMIT 1), i.format
                FROM images i LEFT JOIN generation g ON g.image_id = i.id
                WHERE i.id IN ({0}) AND EXISTS (SELECT 1 FROM files WHERE files.image_id = i.id)
                """,
                string.Join(',', chunk.Select(id => id.ToString(CultureInfo.InvariantCulture))));
            command.Parameters.AddWithValue("$model", (object?)adherenceModel ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                rows[id] = new CatalogRow(
                    id,
                    reader.GetString(1),
                    reader.GetInt32(2),
                    reader.GetInt32(3),
                    Text(reader, 4),
                    Text(reader, 5),
                    Text(reader, 6),
                    Text(reader, 7),
                    reader.IsDBNull(8) ? null : new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero),
                    reader.IsDBNull(9) ? null : reader.GetDouble(9),
                    reader.GetString(10));
            }
        }

        return rows;
    }

    /// <summary>The video and moment of each id in <paramref name="ids"/> that is a sampled video frame; other ids are left out.</summary>
    public Dictionary<long, FrameRef> Frames(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var frames = new Dictionary<long, FrameRef>();
        using var connection = database.Connect();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            using var command = connection.CreateCommand();
            command.CommandText = string.Format(
                CultureInfo.InvariantCulture,
                "SELECT id, video_id, coalesce(timestamp_ms, 0) FROM images WHERE video_id IS NOT NULL AND id IN ({0})",
                string.Join(',', chunk.Select(id => id.ToString(CultureInfo.InvariantCulture))));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                frames[reader.GetInt64(0)] = new FrameRef(reader.GetInt64(1), reader.GetInt64(2));
            }
        }

        return frames;
    }

    /// <summary>The sampled frames of video <paramref name="videoId"/>, in time order; empty for an image.</summary>
    public IReadOnlyList<long> FramesOfVideo(long videoId)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM images WHERE video_id = $video ORDER BY timestamp_ms, id";
        command.Parameters.AddWithValue("$video", videoId);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>The image a catalogued file holds; null when the path is not in the catalog.</summary>
    public long? ImageIdForPath(string fullPath)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT image_id FROM files WHERE path = $path";
        command.Parameters.AddWithValue("$path", fullPath);
        return command.ExecuteScalar() is long id ? id : null;
    }

    public bool ImageExists(long imageId)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM images WHERE id = $id";
        command.Parameters.AddWithValue("$id", imageId);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Model ids with stored vectors, most vectors first.</summary>
    public IReadOnlyList<(string ModelId, long Count)> EmbeddedModels()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT model_id, count(*) FROM embeddings GROUP BY model_id ORDER BY 2 DESC, 1";
        using var reader = command.ExecuteReader();
        var list = new List<(string, long)>();
        while (reader.Read())
        {
            list.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return list;
    }

    /// <summary>Images with a non-empty stored prompt and a vector of <paramref name="modelId"/>.</summary>
    public IReadOnlyList<(long ImageId, string Prompt)> PromptsWithVectors(string modelId)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT g.image_id, g.prompt FROM generation g JOIN embeddings e ON e.image_id = g.image_id AND e.model_id = $model
            WHERE g.prompt IS NOT NULL AND trim(g.prompt) <> '' ORDER BY g.image_id
            """;
        command.Parameters.AddWithValue("$model", modelId);
        using var reader = command.ExecuteReader();
        var list = new List<(long, string)>();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return list;
    }

    /// <summary>Replaces the stored adherence of <paramref name="modelId"/> for the given images, in one transaction.</summary>
    public void SaveAdherence(string modelId, IReadOnlyList<(long ImageId, double Score)> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO adherence (image_id, model_id, score) VALUES ($image, $model, $score)";
        var image = command.Parameters.Add("$image", SqliteType.Integer);
        command.Parameters.AddWithValue("$model", modelId);
        var score = command.Parameters.Add("$score", SqliteType.Real);
        foreach (var (id, value) in scores)
        {
            image.Value = id;
            score.Value = value;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>
    /// The stored adherence of one model per image: <paramref name="modelId"/>, or else the model with the most scores.
    /// </summary>
    /// <returns>the model and its scores; no model when nothing is stored.</returns>
    public (string? Model, Dictionary<long, double> Scores) StoredAdherence(string? modelId)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT image_id, model_id, score FROM adherence
            WHERE model_id = coalesce($model, (SELECT model_id FROM adherence GROUP BY model_id ORDER BY count(*) DESC, model_id LIMIT 1))
            """;
        command.Parameters.AddWithValue("$model", (object?)modelId ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var scores = new Dictionary<long, double>();
        string? model = null;
        while (reader.Read())
        {
            model ??= reader.GetString(1);
            scores[reader.GetInt64(0)] = reader.GetDouble(2);
        }

        return (model, scores);
    }

    public byte[]? Thumbnail(long imageId) => new CatalogQueries(database).Thumbnail(imageId);

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
