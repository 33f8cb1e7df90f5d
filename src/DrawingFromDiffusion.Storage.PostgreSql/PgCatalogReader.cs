using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Search;
using Npgsql;
using Pgvector;

namespace DrawingFromDiffusion.Storage.PostgreSql;

/// <summary>What results show and what queries start from: catalog rows, an image's stored vector, ids by path.</summary>
public sealed class PgCatalogReader(PgCatalog catalog)
{
    /// <summary>Rows of the given images that still have a file, keyed by id; <paramref name="adherenceModel"/> picks whose adherence is shown.</summary>
    public async Task<Dictionary<long, CatalogRow>> RowsAsync(IEnumerable<long> ids, string? adherenceModel, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var command = new PgSql(connection, null, cancellationToken).Command(
            """
            SELECT i.id, (SELECT min(path COLLATE "C") FROM files f WHERE f.image_id = i.id), i.width, i.height, g.generator, g.model, g.seed_text, g.prompt,
                   (SELECT max(mtime_ticks) FROM files f WHERE f.image_id = i.id),
                   (SELECT a.score FROM adherence a WHERE a.image_id = i.id AND (@model::text IS NULL OR a.model_id = @model) ORDER BY a.model_id LIMIT 1), i.format
            FROM images i LEFT JOIN generation g ON g.image_id = i.id
            WHERE i.id = ANY(@ids) AND EXISTS (SELECT 1 FROM files WHERE files.image_id = i.id)
            """,
            ("ids", ids.Distinct().ToArray()), ("model", adherenceModel));
        var rows = new Dictionary<long, CatalogRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            rows[id] = new CatalogRow(
                id, reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), Text(reader, 4), Text(reader, 5), Text(reader, 6), Text(reader, 7),
                reader.IsDBNull(8) ? null : new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero),
                reader.IsDBNull(9) ? null : reader.GetDouble(9), reader.GetString(10));
        }

        return rows;
    }

    public async Task<long?> ImageIdForPathAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        return await new PgSql(connection, null, cancellationToken).ScalarAsync<long?>("SELECT image_id FROM files WHERE path = @path", ("path", path));
    }

    public async Task<bool> ImageExistsAsync(long imageId, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        return await new PgSql(connection, null, cancellationToken).ScalarAsync<long?>("SELECT 1 FROM images WHERE id = @id", ("id", imageId)) is not null;
    }

    /// <summary>The stored vector of one image for a model, as f32; null when there is none.</summary>
    public async Task<float[]?> VectorAsync(long imageId, string modelId, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var command = new PgSql(connection, null, cancellationToken).Command(
            "SELECT coalesce(vector, half::vector) FROM embeddings WHERE image_id = @id AND model_id = @model", ("id", imageId), ("model", modelId));
        return await command.ExecuteScalarAsync(cancellationToken) is Vector vector ? vector.ToArray() : null;
    }

    /// <summary>Vector count per model id.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByModelAsync(CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT model_id, count(*)::int FROM embeddings GROUP BY model_id ORDER BY model_id", connection);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
