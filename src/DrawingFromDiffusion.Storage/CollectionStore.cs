using System.Globalization;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>Named collections of images (migration 0011), in the order their images were added.</summary>
public sealed class CollectionStore(CatalogDatabase database)
{
    /// <summary>Creates the collection unless one of that name (case-insensitive) exists; true when it was created.</summary>
    public bool Create(string name)
    {
        using var connection = database.Connect();
        return Create(connection, name);
    }

    /// <summary>Deletes the collection (not its images); false when there was none.</summary>
    public bool Delete(string name)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM collections WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>Every collection with its size, by name.</summary>
    public IReadOnlyList<CollectionSummary> All()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.name, c.created_at, count(ci.image_id) FROM collections c LEFT JOIN collection_images ci ON ci.collection_id = c.id
            GROUP BY c.id ORDER BY c.name COLLATE NOCASE
            """;
        using var reader = command.ExecuteReader();
        var all = new List<CollectionSummary>();
        while (reader.Read())
        {
            all.Add(new CollectionSummary(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.GetInt32(2)));
        }

        return all;
    }

    /// <summary>The collection's stored name (its own case), or null when there is none.</summary>
    public string? Find(string name)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM collections WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Adds the images at the end, in the given order (creating the collection when needed); returns (added, created).</summary>
    public (int Added, bool Created) Add(string name, IReadOnlyList<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        var created = Create(connection, name);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO collection_images (collection_id, image_id, position, added_at)
            SELECT c.id, $image, coalesce((SELECT max(position) FROM collection_images WHERE collection_id = c.id), 0) + 1, $now
            FROM collections c WHERE c.name = $name
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$now", Now());
        var image = command.Parameters.Add("$image", SqliteType.Integer);
        var added = 0;
        foreach (var id in ids)
        {
            image.Value = id;
            added += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return (added, created);
    }

    /// <summary>Takes the images out of the collection; returns how many were in it.</summary>
    public int Remove(string name, IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM collection_images WHERE image_id = $image AND collection_id = (SELECT id FROM collections WHERE name = $name)";
        command.Parameters.AddWithValue("$name", name);
        var image = command.Parameters.Add("$image", SqliteType.Integer);
        var removed = 0;
        foreach (var id in ids)
        {
            image.Value = id;
            removed += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return removed;
    }

    /// <summary>The collection's images in the order they were added: id, a path of theirs (null when no file is left), stars and favourite.</summary>
    public IReadOnlyList<CollectionMember> Members(string name)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT ci.image_id, (SELECT min(path) FROM files f WHERE f.image_id = ci.image_id), r.stars, coalesce(r.favourite, 0), ci.added_at
            FROM collection_images ci JOIN collections c ON c.id = ci.collection_id LEFT JOIN ratings r ON r.image_id = ci.image_id
            WHERE c.name = $name ORDER BY ci.position
            """;
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        var members = new List<CollectionMember>();
        while (reader.Read())
        {
            members.Add(new CollectionMember(
                reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetBoolean(3),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }

        return members;
    }

    /// <summary>The names of the collections an image is in.</summary>
    public IReadOnlyList<string> CollectionsOf(long imageId)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT c.name FROM collections c JOIN collection_images ci ON ci.collection_id = c.id WHERE ci.image_id = $image ORDER BY c.name COLLATE NOCASE";
        command.Parameters.AddWithValue("$image", imageId);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static bool Create(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO collections (name, created_at) VALUES ($name, $now)";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$now", Now());
        return command.ExecuteNonQuery() > 0;
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>A collection and how many images it holds.</summary>
public sealed record CollectionSummary(string Name, DateTimeOffset Created, int Images);

/// <summary>An image of a collection: <paramref name="Path"/> is one of its files (null when none is left).</summary>
public sealed record CollectionMember(long ImageId, string? Path, int? Stars, bool Favourite, DateTimeOffset Added);
