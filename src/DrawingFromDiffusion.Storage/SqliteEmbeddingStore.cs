using DrawingFromDiffusion.Core.Embeddings;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>The <c>embeddings</c> table. One instance holds one connection: use it from one task at a time.</summary>
public sealed class SqliteEmbeddingStore(CatalogDatabase database) : IEmbeddingStore, IDisposable
{
    private readonly SqliteConnection _connection = database.Connect();

    // A failure is remembered against the file's size and mtime: a changed file is tried again even before a scan clears the row.
    private const string NotFailedBefore = """
        ($retry OR NOT EXISTS (
            SELECT 1 FROM files f JOIN errors r ON r.path = f.path
            WHERE f.image_id = i.id AND r.stage = 'embed' AND r.size = f.size AND r.mtime_ticks = f.mtime_ticks))
        """;

    public Task<IReadOnlyList<EmbeddingWork>> ListMissingAsync(string modelId, int preprocessRevision, long afterImageId, int limit, bool retryFailed, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"""
            SELECT i.id, (SELECT f.path FROM files f WHERE f.image_id = i.id ORDER BY f.id LIMIT 1),
                   (SELECT p.image FROM frame_pixels p WHERE p.image_id = i.id)
            FROM images i
            WHERE i.id > $after AND i.kind IN ('image', 'video_frame')
              AND NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.image_id = i.id AND e.model_id = $model AND e.preprocess = $preprocess)
              AND {NotFailedBefore}
            ORDER BY i.id
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$retry", retryFailed);
        command.Parameters.AddWithValue("$after", afterImageId);
        command.Parameters.AddWithValue("$model", modelId);
        command.Parameters.AddWithValue("$preprocess", preprocessRevision);
        command.Parameters.AddWithValue("$limit", limit);
        var work = new List<EmbeddingWork>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!reader.IsDBNull(1))
            {
                work.Add(new EmbeddingWork(reader.GetInt64(0), reader.GetString(1)));
            }
            else if (!reader.IsDBNull(2))
            {
                // A video frame: its pixels are stored, it has no file.
                work.Add(new EmbeddingWork(reader.GetInt64(0), $"frame {reader.GetInt64(0)}", (byte[])reader[2]));
            }
        }

        return Task.FromResult<IReadOnlyList<EmbeddingWork>>(work);
    }

    public Task<int> CountMissingAsync(string modelId, int preprocessRevision, bool retryFailed, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"""
            SELECT count(*) FROM images i
            WHERE i.kind IN ('image', 'video_frame') AND NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.image_id = i.id AND e.model_id = $model AND e.preprocess = $preprocess)
              AND {NotFailedBefore}
            """;
        command.Parameters.AddWithValue("$retry", retryFailed);
        command.Parameters.AddWithValue("$model", modelId);
        command.Parameters.AddWithValue("$preprocess", preprocessRevision);
        return Task.FromResult(Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task SaveAsync(string modelId, int preprocessRevision, IReadOnlyList<ImageEmbedding> vectors, VectorPrecision precision, CancellationToken cancellationToken)
    {
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        // REPLACE gives a re-embedded image a new seq, so index files see it as new; images pruned meanwhile are skipped.
        command.CommandText = """
            INSERT OR REPLACE INTO embeddings (image_id, model_id, dims, dtype, vector, preprocess)
            SELECT $image, $model, $dims, $dtype, $vector, $preprocess WHERE EXISTS (SELECT 1 FROM images WHERE id = $image)
            """;
        var image = command.Parameters.Add("$image", SqliteType.Integer);
        command.Parameters.AddWithValue("$model", modelId);
        var dims = command.Parameters.Add("$dims", SqliteType.Integer);
        command.Parameters.AddWithValue("$preprocess", preprocessRevision);
        command.Parameters.AddWithValue("$dtype", precision == VectorPrecision.Float16 ? "f16" : "f32");
        var vector = command.Parameters.Add("$vector", SqliteType.Blob);
        foreach (var v in vectors)
        {
            image.Value = v.ImageId;
            dims.Value = v.Vector.Length;
            vector.Value = VectorMath.ToBytes(v.Vector, precision);
            command.ExecuteNonQuery();
        }

        using var forget = _connection.CreateCommand();
        forget.Transaction = transaction;
        forget.CommandText = "DELETE FROM errors WHERE stage = 'embed' AND path IN (SELECT path FROM files WHERE image_id = $image)";
        var forgotten = forget.Parameters.Add("$image", SqliteType.Integer);
        foreach (var v in vectors)
        {
            forgotten.Value = v.ImageId;
            forget.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task RecordFailuresAsync(IReadOnlyList<EmbeddingFailure> failures, CancellationToken cancellationToken)
    {
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        // Only a file still catalogued for that image: one removed or rescanned meanwhile has nothing to remember.
        command.CommandText = """
            INSERT INTO errors (path, stage, reason, size, mtime_ticks, at)
            SELECT path, 'embed', $reason, size, mtime_ticks, $at FROM files WHERE path = $path AND image_id = $image
            ON CONFLICT (path) DO UPDATE SET stage = excluded.stage, reason = excluded.reason,
                size = excluded.size, mtime_ticks = excluded.mtime_ticks, at = excluded.at
            """;
        var path = command.Parameters.Add("$path", SqliteType.Text);
        var image = command.Parameters.Add("$image", SqliteType.Integer);
        var reason = command.Parameters.Add("$reason", SqliteType.Text);
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var failure in failures)
        {
            path.Value = failure.Path;
            image.Value = failure.ImageId;
            reason.Value = failure.Reason;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <summary>Vectors of <paramref name="modelId"/> made under another preprocess revision: the next embedding run replaces them.</summary>
    public int CountStale(string modelId, int preprocessRevision)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM embeddings WHERE model_id = $model AND preprocess <> $preprocess";
        command.Parameters.AddWithValue("$model", modelId);
        command.Parameters.AddWithValue("$preprocess", preprocessRevision);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The stored vector of one image, or null.</summary>
    public float[]? Find(long imageId, string modelId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT dtype, vector FROM embeddings WHERE image_id = $image AND model_id = $model";
        command.Parameters.AddWithValue("$image", imageId);
        command.Parameters.AddWithValue("$model", modelId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var precision = reader.GetString(0) == "f32" ? VectorPrecision.Float32 : VectorPrecision.Float16;
        return VectorMath.FromBytes((byte[])reader[1], precision);
    }

    /// <summary>Vector count per model id.</summary>
    public IReadOnlyDictionary<string, int> CountByModel()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT model_id, count(*) FROM embeddings GROUP BY model_id ORDER BY model_id";
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    public void Dispose() => _connection.Dispose();
}
