using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Storage.PostgreSql;
using DrawingFromDiffusion.Storage.VectorIndex;
using Npgsql;

namespace DrawingFromDiffusion.Benchmarks.Catalog;

/// <summary>
/// Issue 15: N synthetic 512-d f16 vectors (seeded, clustered) with one generation row each, on PostgreSQL + pgvector
/// and on SQLite + USearch: ingest rows/s, index build, unfiltered and filtered (1 checkpoint in 10) top-10 p50, recall@10
/// against exact search, and one writer vs two writers inserting with the HNSW index live (the workers' write path).
/// Usage: pg-vs-sqlite POSTGRES_URL SQLITE_PATH [count] [queries]
/// </summary>
internal static class PgVsSqlite
{
    private const int Dims = 512;
    private const string Model = "bench-512";
    private const int Checkpoints = 10;

    public static int Run(string[] args)
    {
        var url = args[0];
        var sqlitePath = args[1];
        var count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        var queries = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100;
        var vectors = Synthetic(count, seed: 15);
        var probes = Enumerable.Range(0, queries).Select(i => Perturb(vectors[(i * 7919) % count], 1000 + i)).ToList();
        Console.WriteLine($"rows {count}, dims {Dims}, queries {queries}, filter: checkpoint 1 of {Checkpoints}; {Environment.ProcessorCount} cores");
        RunPostgresAsync(url, vectors, probes).GetAwaiter().GetResult();
        RunSqliteAsync(sqlitePath, vectors, probes).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunPostgresAsync(string url, float[][] vectors, List<float[]> probes)
    {
        await using var catalog = await PgCatalog.OpenAsync(url, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        await using (var connection = await catalog.OpenConnectionAsync(CancellationToken.None))
        {
            await using (var writer = await connection.BeginBinaryImportAsync("COPY images (id, content_hash, format, width, height, byte_size) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < vectors.Length; i++)
                {
                    await writer.WriteRowAsync(CancellationToken.None, (long)(i + 1), BitConverter.GetBytes((long)i), "png", 512, 512, 1000L);
                }

                await writer.CompleteAsync();
            }

            await using (var advance = new NpgsqlCommand("SELECT setval(pg_get_serial_sequence('images', 'id'), (SELECT max(id) FROM images))", connection))
            {
                await advance.ExecuteNonQueryAsync();
            }

            await Copy(connection, "COPY files (path, image_id, size, mtime_ticks) FROM STDIN (FORMAT BINARY)", vectors.Length, (w, i) => w.WriteRowAsync(CancellationToken.None, $"/bench/{i}.png", (long)(i + 1), 1000L, 0L));
            await Copy(connection, "COPY generation (image_id, model, prompt) FROM STDIN (FORMAT BINARY)", vectors.Length, (w, i) => w.WriteRowAsync(CancellationToken.None, (long)(i + 1), $"ckpt{i % Checkpoints}", $"synthetic prompt {i % 97}"));
            await Copy(connection, "COPY embeddings (image_id, model_id, dims, dtype, half) FROM STDIN (FORMAT BINARY)", vectors.Length, (w, i) =>
                w.WriteRowAsync(CancellationToken.None, (long)(i + 1), Model, Dims, "f16", new Pgvector.HalfVector(vectors[i].Select(x => (Half)x).ToArray())));
        }

        var ingest = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await using (var connection = await catalog.OpenConnectionAsync(CancellationToken.None))
        {
            await using var memory = new NpgsqlCommand("SET maintenance_work_mem = '1GB'", connection);
            await memory.ExecuteNonQueryAsync();
            await PgEmbeddingStore.EnsureIndexAsync(connection, Model, Dims, VectorPrecision.Float16, CancellationToken.None);
            await using var analyze = new NpgsqlCommand("ANALYZE", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        var build = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"postgres: ingest {vectors.Length / ingest:0} rows/s (COPY, {ingest:0.0} s), HNSW build {build:0.0} s");
        var search = new PgSearch(catalog);
        foreach (var filtered in new[] { false, true })
        {
            var filters = filtered ? new SearchFilters { Model = "ckpt3", WholeNames = true } : new SearchFilters();
            var (p50, recall) = await MeasureAsync(probes, vectors, filtered, async q => (await search.NearestAsync(Model, q, 10, filters, [], CancellationToken.None)).Select(h => h.ImageId - 1).ToList());
            Console.WriteLine($"postgres: {(filtered ? "filtered" : "unfiltered")} top-10 p50 {p50:0.00} ms, recall@10 {recall:0.000}");
        }

        foreach (var writers in new[] { 1, 2 })
        {
            var extra = Synthetic(2_000, seed: 99 + writers);
            var first = await InsertImagesAsync(catalog, extra.Length);
            var store = new PgEmbeddingStore(catalog);
            clock.Restart();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                for (var b = w * 64; b < extra.Length; b += 64 * writers)
                {
                    var batch = Enumerable.Range(b, Math.Min(64, extra.Length - b)).Select(i => new ImageEmbedding(first + i, extra[i])).ToList();
                    await store.SaveAsync(Model, 0, batch, VectorPrecision.Float16, CancellationToken.None);
                }
            })));
            Console.WriteLine($"postgres: {writers} writer(s), HNSW live: {extra.Length / clock.Elapsed.TotalSeconds:0} vectors/s");
        }
    }

    private static async Task RunSqliteAsync(string path, float[][] vectors, List<float[]> probes)
    {
        File.Delete(path);
        var database = CatalogDatabase.Open(path);
        var clock = Stopwatch.StartNew();
        using (var connection = database.Connect())
        using (var transaction = connection.BeginTransaction())
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO images (id, content_hash, format, width, height, byte_size, added_at) VALUES ($id, $hash, 'png', 512, 512, 1000, '');
                INSERT INTO files (path, image_id, size, mtime_ticks) VALUES ($path, $id, 1000, 0);
                INSERT INTO generation (image_id, model, prompt) VALUES ($id, $model, $prompt);
                INSERT INTO embeddings (image_id, model_id, dims, dtype, vector) VALUES ($id, 'bench-512', 512, 'f16', $vector);
                """;
            var id = command.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Integer);
            var hash = command.Parameters.Add("$hash", Microsoft.Data.Sqlite.SqliteType.Blob);
            var file = command.Parameters.Add("$path", Microsoft.Data.Sqlite.SqliteType.Text);
            var model = command.Parameters.Add("$model", Microsoft.Data.Sqlite.SqliteType.Text);
            var prompt = command.Parameters.Add("$prompt", Microsoft.Data.Sqlite.SqliteType.Text);
            var vector = command.Parameters.Add("$vector", Microsoft.Data.Sqlite.SqliteType.Blob);
            for (var i = 0; i < vectors.Length; i++)
            {
                id.Value = i + 1;
                hash.Value = BitConverter.GetBytes((long)i);
                file.Value = $"/bench/{i}.png";
                model.Value = $"ckpt{i % Checkpoints}";
                prompt.Value = $"synthetic prompt {i % 97}";
                vector.Value = VectorMath.ToBytes(vectors[i], VectorPrecision.Float16);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        var ingest = clock.Elapsed.TotalSeconds;
        clock.Restart();
        using var index = await VectorIndexStore.OpenAsync(database, Model, Dims, null, null, CancellationToken.None);
        var build = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"sqlite: ingest {vectors.Length / ingest:0} rows/s (one transaction, {ingest:0.0} s), USearch build {build:0.0} s");
        var catalog = new SearchCatalog(database);
        foreach (var filtered in new[] { false, true })
        {
            var (p50, recall) = await MeasureAsync(probes, vectors, filtered, q =>
            {
                var allowed = catalog.MatchingIds(filtered ? new SearchFilters { Model = "ckpt3", WholeNames = true } : new SearchFilters());
                var hits = new SearchService(index).Search(q, 10, allowed is null ? null : allowed.Contains);
                return Task.FromResult(hits.Select(h => h.Key - 1).ToList());
            });
            Console.WriteLine($"sqlite: {(filtered ? "filtered" : "unfiltered")} top-10 p50 {p50:0.00} ms, recall@10 {recall:0.000}");
        }
    }

    private static async Task<(double P50, double Recall)> MeasureAsync(List<float[]> probes, float[][] vectors, bool filtered, Func<float[], Task<List<long>>> query)
    {
        var times = new List<double>();
        double found = 0;
        foreach (var probe in probes)
        {
            var clock = Stopwatch.StartNew();
            var got = await query(probe);
            times.Add(clock.Elapsed.TotalMilliseconds);
            var exact = Enumerable.Range(0, vectors.Length).Where(i => !filtered || i % Checkpoints == 3)
                .Select(i => (i, s: TensorPrimitives.Dot(probe, vectors[i]))).OrderByDescending(x => x.s).Take(10).Select(x => (long)x.i).ToHashSet();
            found += got.Count(exact.Contains) / 10.0;
        }

        times.Sort();
        return (times[times.Count / 2], found / probes.Count);
    }

    private static async Task<long> InsertImagesAsync(PgCatalog catalog, int count)
    {
        await using var connection = await catalog.OpenConnectionAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            """
            WITH made AS (INSERT INTO images (content_hash, format, width, height, byte_size)
                SELECT decode(md5(random()::text || g::text), 'hex'), 'png', 512, 512, 1000 FROM generate_series(1, @n) g RETURNING id)
            SELECT min(id) FROM made
            """, connection);
        command.Parameters.AddWithValue("n", count);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Copy(NpgsqlConnection connection, string sql, int count, Func<NpgsqlBinaryImporter, int, Task> row)
    {
        await using var writer = await connection.BeginBinaryImportAsync(sql);
        for (var i = 0; i < count; i++)
        {
            await row(writer, i);
        }

        await writer.CompleteAsync();
    }

    /// <summary>Unit vectors around 200 seeded centres: neighbourhoods as dense as real collections', unlike uniform noise.</summary>
    private static float[][] Synthetic(int count, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, 200).Select(_ => Gaussian(random)).ToArray();
        return Enumerable.Range(0, count).Select(i =>
        {
            var v = Gaussian(random);
            var c = centres[random.Next(centres.Length)];
            for (var d = 0; d < Dims; d++)
            {
                v[d] = c[d] + 0.6f * v[d];
            }

            VectorMath.Normalize(v);
            return v;
        }).ToArray();
    }

    private static float[] Perturb(float[] vector, int seed)
    {
        var noise = Gaussian(new Random(seed));
        var v = vector.Select((x, d) => x + 0.02f * noise[d]).ToArray();
        VectorMath.Normalize(v);
        return v;
    }

    private static float[] Gaussian(Random random) =>
        Enumerable.Range(0, Dims).Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).ToArray();
}
