using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DrawingFromDiffusion.Core.Embeddings;
using Npgsql;
using Pgvector;

namespace DrawingFromDiffusion.Storage.PostgreSql;

/// <summary>
/// The <c>embeddings</c> table on PostgreSQL: f32 vectors in a <c>vector</c> column, f16 in <c>halfvec</c>, each model
/// with its own HNSW index (cosine) made on its first save. <paramref name="onlyPaths"/> narrows the work to the images of
/// those catalog paths (a worker's claimed batch); null means every image lacking a vector.
/// </summary>
public sealed class PgEmbeddingStore(PgCatalog catalog, IReadOnlyCollection<string>? onlyPaths = null) : IEmbeddingStore
{
    private const string NotFailedBefore = """
        (@retry OR NOT EXISTS (
            SELECT 1 FROM files f JOIN errors r ON r.path = f.path
            WHERE f.image_id = i.id AND r.stage = 'embed' AND r.size = f.size AND r.mtime_ticks = f.mtime_ticks))
        """;

    private const string InBatch = "(@paths::text[] IS NULL OR EXISTS (SELECT 1 FROM files f WHERE f.image_id = i.id AND f.path = ANY(@paths)))";

    private readonly string[]? _paths = onlyPaths?.ToArray();

    public async Task<IReadOnlyList<EmbeddingWork>> ListMissingAsync(string modelId, int preprocessRevision, long afterImageId, int limit, bool retryFailed, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var command = new PgSql(connection, null, cancellationToken).Command(
            $"""
            SELECT i.id, (SELECT f.path FROM files f WHERE f.image_id = i.id ORDER BY f.id LIMIT 1),
                   (SELECT p.image FROM frame_pixels p WHERE p.image_id = i.id)
            FROM images i
            WHERE i.id > @after AND i.kind IN ('image', 'video_frame')
              AND NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.image_id = i.id AND e.model_id = @model AND e.preprocess = @preprocess)
              AND {NotFailedBefore} AND {InBatch}
            ORDER BY i.id
            LIMIT @limit
            """,
            ("retry", retryFailed), ("after", afterImageId), ("model", modelId), ("preprocess", preprocessRevision), ("limit", limit));
        AddPaths(command);
        var work = new List<EmbeddingWork>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(1))
            {
                work.Add(new EmbeddingWork(reader.GetInt64(0), reader.GetString(1)));
            }
            else if (!reader.IsDBNull(2))
            {
                work.Add(new EmbeddingWork(reader.GetInt64(0), $"frame {reader.GetInt64(0)}", (byte[])reader[2]));
            }
        }

        return work;
    }

    public async Task<int> CountMissingAsync(string modelId, int preprocessRevision, bool retryFailed, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var command = new PgSql(connection, null, cancellationToken).Command(
            $"""
            SELECT count(*) FROM images i
            WHERE i.kind IN ('image', 'video_frame')
              AND NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.image_id = i.id AND e.model_id = @model AND e.preprocess = @preprocess)
              AND {NotFailedBefore} AND {InBatch}
            """,
            ("retry", retryFailed), ("model", modelId), ("preprocess", preprocessRevision));
        AddPaths(command);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task SaveAsync(string modelId, int preprocessRevision, IReadOnlyList<ImageEmbedding> vectors, VectorPrecision precision, CancellationToken cancellationToken)
    {
        if (vectors.Count == 0)
        {
            return;
        }

        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await EnsureIndexAsync(connection, modelId, vectors[0].Vector.Length, precision, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var half = precision == VectorPrecision.Float16;
        // A re-embedded image gets a new seq; images pruned meanwhile are skipped.
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO embeddings (image_id, model_id, dims, dtype, preprocess, {(half ? "half" : "vector")})
            SELECT @image, @model, @dims, @dtype, @preprocess, @vector WHERE EXISTS (SELECT 1 FROM images WHERE id = @image)
            ON CONFLICT (image_id, model_id) DO UPDATE SET seq = nextval(pg_get_serial_sequence('embeddings', 'seq')), dims = excluded.dims,
                dtype = excluded.dtype, preprocess = excluded.preprocess, vector = excluded.vector, half = excluded.half
            """, connection, transaction);
        var image = new NpgsqlParameter<long> { ParameterName = "image" };
        command.Parameters.Add(image);
        command.Parameters.AddWithValue("model", modelId);
        var dims = new NpgsqlParameter<int> { ParameterName = "dims" };
        command.Parameters.Add(dims);
        command.Parameters.AddWithValue("dtype", half ? "f16" : "f32");
        command.Parameters.AddWithValue("preprocess", preprocessRevision);
        var vector = command.Parameters.Add(new NpgsqlParameter("vector", DBNull.Value));
        foreach (var v in vectors)
        {
            image.TypedValue = v.ImageId;
            dims.TypedValue = v.Vector.Length;
            vector.Value = half ? new HalfVector(v.Vector.Select(x => (Half)x).ToArray()) : new Vector(v.Vector);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await new PgSql(connection, transaction, cancellationToken).ExecuteAsync(
            "DELETE FROM errors WHERE stage = 'embed' AND path IN (SELECT path FROM files WHERE image_id = ANY(@images))",
            ("images", vectors.Select(v => v.ImageId).ToArray()));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RecordFailuresAsync(IReadOnlyList<EmbeddingFailure> failures, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sql = new PgSql(connection, transaction, cancellationToken);
        foreach (var failure in failures)
        {
            // Only a file still catalogued for that image: one removed or rescanned meanwhile has nothing to remember.
            await sql.ExecuteAsync(
                """
                INSERT INTO errors (path, stage, reason, size, mtime_ticks)
                SELECT path, 'embed', @reason, size, mtime_ticks FROM files WHERE path = @path AND image_id = @image
                ON CONFLICT (path) DO UPDATE SET stage = excluded.stage, reason = excluded.reason,
                    size = excluded.size, mtime_ticks = excluded.mtime_ticks, at = now()
                """,
                ("reason", failure.Reason), ("path", failure.Path), ("image", failure.ImageId));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Vectors of <paramref name="modelId"/> made under another preprocess revision.</summary>
    public async Task<int> CountStaleAsync(string modelId, int preprocessRevision, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        return await new PgSql(connection, null, cancellationToken).ScalarAsync<int>(
            "SELECT count(*) FROM embeddings WHERE model_id = @model AND preprocess <> @preprocess", ("model", modelId), ("preprocess", preprocessRevision));
    }

    /// <summary>
    /// The HNSW index of one model's vectors: a partial index on the column cast to its dimensions (pgvector indexes only
    /// sized columns), so models of different sizes share the table. Concurrent first saves take turns on a lock.
    /// </summary>
    public static async Task EnsureIndexAsync(NpgsqlConnection connection, string modelId, int dims, VectorPrecision precision, CancellationToken cancellationToken)
    {
        var name = IndexName(modelId, dims, precision);
        var sql = new PgSql(connection, null, cancellationToken);
        if (await sql.ScalarAsync<long?>("SELECT 1 FROM pg_class WHERE relname = @name", ("name", name)) is not null)
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = new PgSql(connection, transaction, cancellationToken);
        await locked.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext(@name))", ("name", name));
        // Building over rows already there takes minutes at 10^5+ vectors: no command timeout.
        await using (var create = locked.Command(
            $"CREATE INDEX IF NOT EXISTS {name} ON embeddings USING hnsw (({VectorExpression(dims, precision)}) {OpClass(precision)}) " +
            $"WITH (m = 16, ef_construction = 200) WHERE model_id = {Literal(modelId)}"))
        {
            create.CommandTimeout = 0;
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The indexed expression: the column of the precision cast to the model's dimensions.</summary>
    internal static string VectorExpression(int dims, VectorPrecision precision) =>
        precision == VectorPrecision.Float16
            ? string.Create(CultureInfo.InvariantCulture, $"half::halfvec({dims})")
            : string.Create(CultureInfo.InvariantCulture, $"vector::vector({dims})");

    private static string OpClass(VectorPrecision precision) => precision == VectorPrecision.Float16 ? "halfvec_cosine_ops" : "vector_cosine_ops";

    internal static string IndexName(string modelId, int dims, VectorPrecision precision) =>
        "embeddings_hnsw_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{modelId}/{dims}/{precision}")))[..16];

    /// <summary>A SQL string literal: the partial index's predicate and the query that must match it are written, not bound.</summary>
    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private void AddPaths(NpgsqlCommand command) =>
        command.Parameters.Add(new NpgsqlParameter("paths", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)_paths ?? DBNull.Value });
}
