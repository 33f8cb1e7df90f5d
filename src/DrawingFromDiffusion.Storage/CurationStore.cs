using System.Globalization;
using DrawingFromDiffusion.Core.Curation;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>Manual tags, ratings and favourites (migration 0011), and how images named by id or path are found.</summary>
public sealed class CurationStore(CatalogDatabase database)
{
    /// <summary>Which of <paramref name="ids"/> are catalogued images.</summary>
    public HashSet<long> ExistingIds(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new HashSet<long>();
        using var connection = database.Connect();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT id FROM images WHERE id IN ({string.Join(',', chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)))})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(reader.GetInt64(0));
            }
        }

        return found;
    }

    /// <summary>The images of a catalogued file (exact absolute path) or of every file under a folder; empty when none.</summary>
    public IReadOnlyList<long> IdsAt(string fullPath)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT image_id FROM files WHERE path = $path
            UNION SELECT DISTINCT image_id FROM files WHERE path LIKE $under ESCAPE '\'
            ORDER BY 1
            """;
        command.Parameters.AddWithValue("$path", fullPath);
        command.Parameters.AddWithValue("$under", CatalogFilterSql.PrefixPattern(fullPath.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar));
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>Gives every image every tag (already normalised); returns how many (image, tag) pairs were new.</summary>
    public int AddTags(IReadOnlyCollection<long> ids, IReadOnlyCollection<string> tags) =>
        EachPair(ids, tags, "INSERT OR IGNORE INTO image_tags (image_id, model_id, name, category, score) VALUES ($image, $model, $name, 'user', 1)");

    /// <summary>Takes the manual tags off the images (tagger packs' tags stay); returns how many pairs were removed.</summary>
    public int RemoveTags(IReadOnlyCollection<long> ids, IReadOnlyCollection<string> tags) =>
        EachPair(ids, tags, "DELETE FROM image_tags WHERE image_id = $image AND model_id = $model AND name = $name");

    /// <summary>Every tag in the catalog with how many images carry it, manual first; tagger packs' tags only when asked.</summary>
    public IReadOnlyList<TagCount> TagCounts(bool withTaggerTags)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT name, model_id = $user, count(DISTINCT image_id) FROM image_tags
            WHERE ($all OR model_id = $user) AND category <> 'rating'
            GROUP BY name, model_id = $user ORDER BY 2 DESC, 3 DESC, name
            """;
        command.Parameters.AddWithValue("$user", CurationNames.UserTagModel);
        command.Parameters.AddWithValue("$all", withTaggerTags);
        using var reader = command.ExecuteReader();
        var counts = new List<TagCount>();
        while (reader.Read())
        {
            counts.Add(new TagCount(reader.GetString(0), reader.GetBoolean(1), reader.GetInt32(2)));
        }

        return counts;
    }

    /// <summary>An image's tags: manual ones, then each tagger pack's (name, source model, category, score).</summary>
    public IReadOnlyList<StoredTag> TagsOf(long imageId)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, model_id, category, score FROM image_tags WHERE image_id = $image ORDER BY model_id <> $user, score DESC, name";
        command.Parameters.AddWithValue("$image", imageId);
        command.Parameters.AddWithValue("$user", CurationNames.UserTagModel);
        using var reader = command.ExecuteReader();
        var tags = new List<StoredTag>();
        while (reader.Read())
        {
            tags.Add(new StoredTag(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3)));
        }

        return tags;
    }

    /// <summary>Sets the stars (null clears them) of every image, keeping its favourite mark.</summary>
    public void SetStars(IReadOnlyCollection<long> ids, int? stars) =>
        Each(ids, "INSERT INTO ratings (image_id, stars, updated_at) VALUES ($image, $value, $now) ON CONFLICT (image_id) DO UPDATE SET stars = $value, updated_at = $now", stars);

    /// <summary>Marks (or unmarks) every image as a favourite, keeping its stars.</summary>
    public void SetFavourite(IReadOnlyCollection<long> ids, bool favourite) =>
        Each(ids, "INSERT INTO ratings (image_id, favourite, updated_at) VALUES ($image, $value, $now) ON CONFLICT (image_id) DO UPDATE SET favourite = $value, updated_at = $now", favourite ? 1 : 0);

    /// <summary>An image's stars (null: unrated) and favourite mark.</summary>
    public (int? Stars, bool Favourite) RatingOf(long imageId)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT stars, favourite FROM ratings WHERE image_id = $image";
        command.Parameters.AddWithValue("$image", imageId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.IsDBNull(0) ? null : reader.GetInt32(0), reader.GetBoolean(1)) : (null, false);
    }

    private int EachPair(IReadOnlyCollection<long> ids, IReadOnlyCollection<string> tags, string sql)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var image = command.Parameters.Add("$image", SqliteType.Integer);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        command.Parameters.AddWithValue("$model", CurationNames.UserTagModel);
        var changed = 0;
        foreach (var id in ids)
        {
            foreach (var tag in tags)
            {
                image.Value = id;
                name.Value = tag;
                changed += command.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return changed;
    }

    private void Each(IReadOnlyCollection<long> ids, string sql, object? value)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var image = command.Parameters.Add("$image", SqliteType.Integer);
        command.Parameters.AddWithValue("$value", value ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        foreach (var id in ids)
        {
            image.Value = id;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}

/// <summary>A tag and how many images carry it; <paramref name="Manual"/> when people gave it (`dfd tag add`).</summary>
public sealed record TagCount(string Name, bool Manual, int Images);

/// <summary>One stored tag of an image: <paramref name="Model"/> is "user" for a manual tag, else the tagger pack.</summary>
public sealed record StoredTag(string Name, string Model, string Category, double Score);
