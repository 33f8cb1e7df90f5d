using DrawingFromDiffusion.Core.Tagging;

namespace DrawingFromDiffusion.Storage;

/// <summary>Tags from tagger packs (migration 0007): which images a pack still has to tag, and each image's tags.</summary>
public sealed class TagStore(CatalogDatabase database)
{
    /// <summary>Still images with a file that <paramref name="modelId"/> has not tagged yet: id and one of their paths.</summary>
    public IReadOnlyList<(long ImageId, string Path)> Untagged(string modelId, bool retag)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i.id, min(f.path) FROM images i JOIN files f ON f.image_id = i.id
            WHERE i.video_id IS NULL
              AND ($retag OR NOT EXISTS (SELECT 1 FROM tagged_images t WHERE t.image_id = i.id AND t.model_id = $model))
            GROUP BY i.id ORDER BY i.id
            """;
        command.Parameters.AddWithValue("$model", modelId);
        command.Parameters.AddWithValue("$retag", retag);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>Replaces the tags <paramref name="modelId"/> gave each image, in one transaction.</summary>
    public void Save(string modelId, IEnumerable<(long ImageId, IReadOnlyList<ImageTag> Tags)> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        foreach (var (imageId, tags) in batch)
        {
            using (var delete = connection.CreateCommand())
            {
                delete.CommandText = "DELETE FROM image_tags WHERE image_id = $image AND model_id = $model; INSERT OR IGNORE INTO tagged_images (image_id, model_id) VALUES ($image, $model)";
                delete.Parameters.AddWithValue("$image", imageId);
                delete.Parameters.AddWithValue("$model", modelId);
                delete.ExecuteNonQuery();
            }

            foreach (var tag in tags)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO image_tags (image_id, model_id, name, category, score) VALUES ($image, $model, $name, $category, $score)";
                insert.Parameters.AddWithValue("$image", imageId);
                insert.Parameters.AddWithValue("$model", modelId);
                insert.Parameters.AddWithValue("$name", tag.Name);
                insert.Parameters.AddWithValue("$category", tag.Category);
                insert.Parameters.AddWithValue("$score", tag.Score);
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    /// <summary>
    /// The general and character tag names of every tagged image (any tagger pack; ratings left out: they describe
    /// the whole collection, not a cluster), for labelling clusters whose members carry no prompt.
    /// </summary>
    public Dictionary<long, string[]> NamesByImage()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT image_id, name FROM image_tags WHERE category <> 'rating' ORDER BY image_id, name";
        using var reader = command.ExecuteReader();
        var names = new Dictionary<long, List<string>>();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (!names.TryGetValue(id, out var list))
            {
                names[id] = list = [];
            }

            list.Add(reader.GetString(1));
        }

        return names.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    /// <summary>An image's tags from every tagger pack, best first.</summary>
    public IReadOnlyList<ImageTag> TagsOf(long imageId)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, category, max(score) FROM image_tags WHERE image_id = $image GROUP BY name, category ORDER BY 3 DESC, name";
        command.Parameters.AddWithValue("$image", imageId);
        using var reader = command.ExecuteReader();
        var tags = new List<ImageTag>();
        while (reader.Read())
        {
            tags.Add(new ImageTag(reader.GetString(0), reader.GetString(1), (float)reader.GetDouble(2)));
        }

        return tags;
    }
}
