using System.Diagnostics;
using System.Globalization;
using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Core.Text;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Storage.VectorIndex;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Benchmarks.Search;

/// <summary>
/// A text query end to end, as `dfd search --mode clip` runs it: tokenize → text tower → top-10 of N catalogued vectors
/// (HNSW) → catalog join of the 10 rows. N synthetic clustered vectors are written straight into a temp catalog's
/// embeddings table; the index is built once (not timed), then each query is timed per stage. p50/p90 over 60 queries.
/// </summary>
public static class TextQueryLatency
{
    private static readonly string[] _prompts =
    [
        "a watercolor painting of a red fox in the snow", "cyberpunk city at night, neon lights, rain", "portrait of an old knight",
        "a cat sleeping on a windowsill", "mountain lake at sunrise", "anime girl with blue hair", "a bowl of ramen, studio lighting",
        "dragon flying over a castle", "minimalist logo of a bird", "spaceship interior, concept art", "forest path in autumn",
        "a robot playing chess", "steampunk airship", "underwater coral reef with fish", "desert ruins under a full moon",
    ];

    public static int Run(string[] args)
    {
        var pack = ModelPack.Load(args[0]);
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var folder = Directory.CreateTempSubdirectory("dfd-textquery-").FullName;
        try
        {
            var database = CatalogDatabase.Open(Path.Combine(folder, "catalog.db"));
            var clock = Stopwatch.StartNew();
            Fill(database, pack.Id, pack.Manifest.EmbeddingSize, count);
            Console.WriteLine($"pack {pack.Id} ({pack.Manifest.EmbeddingSize}-d), {count:N0} vectors written in {clock.Elapsed.TotalSeconds:0.0} s; {threads} intra-op threads; {Environment.ProcessorCount} cores; load average {LoadAverage()}");
            clock.Restart();
            using var index = VectorIndexStore.OpenAsync(database, pack.Id, pack.Manifest.EmbeddingSize, null, null, CancellationToken.None).GetAwaiter().GetResult();
            Console.WriteLine($"index {(index.IsExact ? "exact" : "HNSW")} built in {clock.Elapsed.TotalSeconds:0.0} s");
            using var text = new OnnxTextEmbedder(pack, new OnnxSessionFactory(new DeviceOptions("cpu", Threads: threads)));
            var search = new SearchService(index);
            var catalog = new SearchCatalog(database);

            var tokenize = new List<double>();
            var tower = new List<double>();
            var topK = new List<double>();
            var join = new List<double>();
            var total = new List<double>();
            for (var i = -5; i < 60; i++)
            {
                var prompt = _prompts[(i + 15) % _prompts.Length];
                var t0 = Stopwatch.GetTimestamp();
                _ = ((ClipTokenizer)text.Tokenizer).Encode(prompt);
                var t1 = Stopwatch.GetTimestamp();
                var vector = text.Embed(prompt);
                var t2 = Stopwatch.GetTimestamp();
                var hits = search.Search(vector, 10);
                var t3 = Stopwatch.GetTimestamp();
                var rows = catalog.Rows(hits.Select(h => h.Key), null);
                var t4 = Stopwatch.GetTimestamp();
                if (rows.Count != 10)
                {
                    throw new InvalidOperationException($"expected 10 rows, got {rows.Count}");
                }

                if (i < 0)
                {
                    continue;
                }

                tokenize.Add(Ms(t0, t1));
                tower.Add(Ms(t1, t2) + Ms(t0, t1));
                topK.Add(Ms(t2, t3));
                join.Add(Ms(t3, t4));
                total.Add(Ms(t0, t4) - Ms(t0, t1));
            }

            Console.WriteLine($"tokenize alone          p50 {P(tokenize, 50):0.00} ms  p90 {P(tokenize, 90):0.00} ms");
            Console.WriteLine($"text tower (incl. tok.) p50 {P(tower, 50):0.00} ms  p90 {P(tower, 90):0.00} ms");
            Console.WriteLine($"top-10 of {count:N0}      p50 {P(topK, 50):0.00} ms  p90 {P(topK, 90):0.00} ms");
            Console.WriteLine($"catalog join (10 rows)  p50 {P(join, 50):0.00} ms  p90 {P(join, 90):0.00} ms");
            Console.WriteLine($"end to end              p50 {P(total, 50):0.00} ms  p90 {P(total, 90):0.00} ms");
            Console.WriteLine($"load average after: {LoadAverage()}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Fill(CatalogDatabase database, string modelId, int dims, int count)
    {
        var random = new Random(42);
        var centres = Enumerable.Range(0, 200).Select(_ => Unit(Enumerable.Range(0, dims).Select(_ => (float)random.NextDouble() - 0.5f).ToArray())).ToArray();
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO images (id, content_hash, format, width, height, byte_size, added_at) VALUES ($id, $hash, 'png', 512, 512, 1000, '2026-01-01');
            INSERT INTO files (path, image_id, size, mtime_ticks) VALUES ($path, $id, 1000, 0);
            INSERT INTO generation (image_id, generator, prompt, model) VALUES ($id, 'comfyui', $prompt, 'model.safetensors');
            INSERT INTO embeddings (image_id, model_id, dims, dtype, vector) VALUES ($id, $model, $dims, 'f32', $vector);
            """;
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var hash = command.Parameters.Add("$hash", SqliteType.Blob);
        var path = command.Parameters.Add("$path", SqliteType.Text);
        var prompt = command.Parameters.Add("$prompt", SqliteType.Text);
        var vector = command.Parameters.Add("$vector", SqliteType.Blob);
        command.Parameters.AddWithValue("$model", modelId);
        command.Parameters.AddWithValue("$dims", dims);
        var v = new float[dims];
        var bytes = new byte[dims * 4];
        for (var i = 1; i <= count; i++)
        {
            var centre = centres[random.Next(centres.Length)];
            for (var d = 0; d < dims; d++)
            {
                v[d] = centre[d] + (0.5f * ((float)random.NextDouble() - 0.5f) / MathF.Sqrt(dims) * 4);
            }

            Buffer.BlockCopy(Unit(v), 0, bytes, 0, bytes.Length);
            id.Value = i;
            hash.Value = BitConverter.GetBytes((long)i).Concat(new byte[8]).ToArray();
            path.Value = $"/lib/{i:000000}.png";
            prompt.Value = _prompts[i % _prompts.Length];
            vector.Value = bytes;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static float[] Unit(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
