using DrawingFromDiffusion.Core.Similar;

namespace DrawingFromDiffusion.Storage;

/// <summary>The catalog's stored perceptual hashes, for the hash-neighbour pool of `dfd similar`.</summary>
public static class CatalogHashReader
{
    /// <summary>The largest image id: an engine re-reads its hashes when it moves (new pictures indexed).</summary>
    public static long LastId(CatalogDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(id), 0) FROM images";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Every picture's hashes (video frames and videos left out: they are searched through their vectors).</summary>
    public static CatalogHashes ReadAll(CatalogDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var lastId = LastId(database);
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, phash, dhash FROM images WHERE kind = 'image' AND phash IS NOT NULL AND dhash IS NOT NULL";
        var ids = new List<long>();
        var phashes = new List<ulong>();
        var dhashes = new List<ulong>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
            phashes.Add(unchecked((ulong)reader.GetInt64(1)));
            dhashes.Add(unchecked((ulong)reader.GetInt64(2)));
        }

        return new CatalogHashes([.. ids], [.. phashes], [.. dhashes], lastId);
    }

    /// <summary>One image's stored pHash and dHash; null when it has none.</summary>
    public static (ulong PHash, ulong DHash)? Of(CatalogDatabase database, long imageId)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT phash, dhash FROM images WHERE id = $id AND phash IS NOT NULL AND dhash IS NOT NULL";
        command.Parameters.AddWithValue("$id", imageId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (unchecked((ulong)reader.GetInt64(0)), unchecked((ulong)reader.GetInt64(1))) : null;
    }
}
