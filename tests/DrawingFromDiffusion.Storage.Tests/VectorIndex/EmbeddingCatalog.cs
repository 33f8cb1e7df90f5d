using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage.Tests.VectorIndex;

/// <summary>A real catalog in a temp folder with images and their embeddings written straight into SQLite.</summary>
internal sealed class EmbeddingCatalog : IDisposable
{
    public const string Model = "test-clip";

    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-vindex-").FullName;

    public EmbeddingCatalog()
    {
        Database = CatalogDatabase.Open(Path.Combine(_folder, "catalog.db"));
    }

    public CatalogDatabase Database { get; }

    /// <summary>Inserts one image per vector (rows of <paramref name="vectors"/>) and returns their image ids in order.</summary>
    public long[] AddImages(float[] vectors, int dimensions, bool half = false)
    {
        using var connection = Database.Connect();
        using var transaction = connection.BeginTransaction();
        using var image = connection.CreateCommand();
        image.CommandText = """
            INSERT INTO images (content_hash, format, width, height, byte_size, added_at)
            VALUES ($hash, 'png', 1, 1, 1, '2026-01-01') RETURNING id
            """;
        var hash = image.Parameters.Add("$hash", SqliteType.Blob);
        using var embedding = connection.CreateCommand();
        embedding.CommandText = """
            INSERT INTO embeddings (image_id, model_id, dims, dtype, vector) VALUES ($image, $model, $dims, $dtype, $vector)
            """;
        var imageId = embedding.Parameters.Add("$image", SqliteType.Integer);
        embedding.Parameters.AddWithValue("$model", Model);
        embedding.Parameters.AddWithValue("$dims", dimensions);
        embedding.Parameters.AddWithValue("$dtype", half ? "f16" : "f32");
        var blob = embedding.Parameters.Add("$vector", SqliteType.Blob);

        var ids = new long[vectors.Length / dimensions];
        for (var row = 0; row < ids.Length; row++)
        {
            hash.Value = Guid.NewGuid().ToByteArray();
            ids[row] = (long)image.ExecuteScalar()!;
            imageId.Value = ids[row];
            var vector = vectors.AsSpan(row * dimensions, dimensions);
            blob.Value = half
                ? MemoryMarshal.AsBytes<Half>([.. vector.ToArray().Select(value => (Half)value)]).ToArray()
                : MemoryMarshal.AsBytes(vector).ToArray();
            embedding.ExecuteNonQuery();
        }

        transaction.Commit();
        return ids;
    }

    public void DeleteImages(IEnumerable<long> ids)
    {
        using var connection = Database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM images WHERE id IN (SELECT value FROM json_each($ids))";
        command.Parameters.AddWithValue("$ids", "[" + string.Join(',', ids) + "]");
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
