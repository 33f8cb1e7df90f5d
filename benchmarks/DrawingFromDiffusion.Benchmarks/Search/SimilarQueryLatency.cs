using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Core.Similar;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Storage;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Benchmarks.Search;

/// <summary>
/// `dfd similar ID` in-process on a synthetic catalog of N images: the stored query vector → top 100 of N (HNSW) → the
/// copy check of the vector top 30 and of up to 10 perceptual-hash neighbours (<see cref="PixelRerank"/>, <see cref="HashNeighbours"/>: one thumbnail read, decode and pixel comparison each) →
/// the catalog join. The thumbnails are real: those of a folder made by tests/tools/similar-set.cs (clip-art originals,
/// their altered copies and look-alike siblings of one clip-art folder), repeated over the N images. Each image's
/// vector lies near its clip-art folder's centre, so a query's top 50 mixes copies of it with siblings — the costly case
/// for the check, which gives up early on pictures that look nothing alike. p50/p90 of wall and process CPU time over
/// 60 queries after 5 warm-up queries, with the load average, since the machine may be shared.
/// </summary>
public static class SimilarQueryLatency
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: similar PACK_ID SIMILAR_SET_DIR [count]");
            return 2;
        }

        var packId = args[0];
        var setDir = args[1];
        var count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        var folder = Directory.CreateTempSubdirectory("dfd-similar-").FullName;
        try
        {
            var database = CatalogDatabase.Open(Path.Combine(folder, "catalog.db"));
            var clock = Stopwatch.StartNew();
            var pool = Thumbnails(setDir);
            using (var probe = SearchEngine.Open(database, packId, new DeviceOptions("cpu")))
            {
                var dims = probe.Pack?.Manifest.EmbeddingSize ?? throw new InvalidOperationException($"pack {packId} is not installed");
                Fill(database, packId, dims, count, pool);
            }

            Console.WriteLine($"{count:N0} images ({pool.Count} distinct thumbnails from {setDir}) written in {clock.Elapsed.TotalSeconds:0.0} s; {Environment.ProcessorCount} cores; load average {LoadAverage()}");
            using var engine = SearchEngine.Open(database, packId, new DeviceOptions("cpu"));
            clock.Restart();
            _ = engine.IndexAsync(CancellationToken.None).GetAwaiter().GetResult();
            Console.WriteLine($"index built in {clock.Elapsed.TotalSeconds:0.0} s");
            var query = new ImageQuery([], null, null, 1f, QueryMode.Clip, 5, new SearchFilters(), Cutoff.None, ResultSort.Score);
            var random = new Random(5);
            // Each query runs without and with the hash-neighbour pool, one after the other, so both see the same load.
            var wall = new[] { new List<double>(), new List<double>() };
            var cpu = new[] { new List<double>(), new List<double>() };
            var copies = new[] { new List<int>(), new List<int>() };
            for (var i = -5; i < 60; i++)
            {
                var id = random.Next(1, count + 1);
                for (var withPool = 0; withPool < 2; withPool++)
                {
                    engine.UseHashNeighbours = withPool == 1;
                    var cpu0 = ProcessCpu();
                    var t0 = Stopwatch.GetTimestamp();
                    var outcome = engine.SimilarAsync(id, null, query, CancellationToken.None).GetAwaiter().GetResult();
                    var t1 = Stopwatch.GetTimestamp();
                    var cpu1 = ProcessCpu();
                    if (outcome.Results.Count != 5)
                    {
                        throw new InvalidOperationException($"expected 5 results, got {outcome.Results.Count}");
                    }

                    if (i >= 0)
                    {
                        wall[withPool].Add((t1 - t0) * 1000.0 / Stopwatch.Frequency);
                        cpu[withPool].Add((cpu1 - cpu0) * 1000);
                        copies[withPool].Add(outcome.Results.Count(r => r.Why.Contains("pixels match", StringComparison.Ordinal)));
                    }
                }
            }

            for (var withPool = 0; withPool < 2; withPool++)
            {
                Console.WriteLine($"similar (top 5 of {count:N0}, vector top {PixelRerank.Depth} checked{(withPool == 1 ? $" + up to {HashNeighbours.Count} hash neighbours" : "")})  wall p50 {P(wall[withPool], 50):0.0} ms  p90 {P(wall[withPool], 90):0.0} ms;  process CPU p50 {P(cpu[withPool], 50):0.0} ms  p90 {P(cpu[withPool], 90):0.0} ms;  pixel copies in the top 5: mean {copies[withPool].Average():0.0}");
            }

            Console.WriteLine($"CPU p50 ratio with / without the hash pool: {P(cpu[1], 50) / P(cpu[0], 50):0.00}");
            Console.WriteLine($"load average after: {LoadAverage()}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The catalog thumbnail and hashes of every image in the set, with its clip-art folder (from labels.csv).</summary>
    private static List<(byte[] Webp, string Family, ulong PHash, ulong DHash)> Thumbnails(string setDir)
    {
        var analyzer = new SkiaImageAnalyzer();
        var pool = new List<(byte[], string, ulong, ulong)>();
        foreach (var row in File.ReadAllLines(Path.Combine(setDir, "labels.csv")).Skip(1).Select(l => l.Split(',')))
        {
            using var stream = File.OpenRead(Path.Combine(setDir, row[0]));
            var facts = analyzer.Analyze(stream, ImageFormat.Unknown, new ImageLimits());
            pool.Add((facts.Thumbnail, row[2], facts.PHash, facts.DHash));
        }

        return pool;
    }

    private static void Fill(CatalogDatabase database, string modelId, int dims, int count, List<(byte[] Webp, string Family, ulong PHash, ulong DHash)> pool)
    {
        var random = new Random(42);
        var centres = pool.Select(p => p.Family).Distinct().ToDictionary(f => f, _ => Unit(Enumerable.Range(0, dims).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()));
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO images (id, content_hash, format, width, height, byte_size, phash, dhash, added_at) VALUES ($id, $hash, 'png', 320, 320, 1000, $phash, $dhash, '2026-01-01');
            INSERT INTO files (path, image_id, size, mtime_ticks) VALUES ($path, $id, 1000, 0);
            INSERT INTO thumbnails (image_id, webp) VALUES ($id, $webp);
            INSERT INTO embeddings (image_id, model_id, dims, dtype, vector) VALUES ($id, $model, $dims, 'f32', $vector);
            """;
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var hash = command.Parameters.Add("$hash", SqliteType.Blob);
        var path = command.Parameters.Add("$path", SqliteType.Text);
        var webp = command.Parameters.Add("$webp", SqliteType.Blob);
        var vector = command.Parameters.Add("$vector", SqliteType.Blob);
        var phash = command.Parameters.Add("$phash", SqliteType.Integer);
        var dhash = command.Parameters.Add("$dhash", SqliteType.Integer);
        command.Parameters.AddWithValue("$model", modelId);
        command.Parameters.AddWithValue("$dims", dims);
        var v = new float[dims];
        var bytes = new byte[dims * 4];
        for (var i = 1; i <= count; i++)
        {
            var (thumbnail, family, pHash, dHash) = pool[i % pool.Count];
            phash.Value = unchecked((long)pHash);
            dhash.Value = unchecked((long)dHash);
            var centre = centres[family];
            for (var d = 0; d < dims; d++)
            {
                v[d] = centre[d] + (2f * ((float)random.NextDouble() - 0.5f) / MathF.Sqrt(dims));
            }

            Buffer.BlockCopy(Unit(v), 0, bytes, 0, bytes.Length);
            id.Value = i;
            hash.Value = BitConverter.GetBytes((long)i).Concat(new byte[8]).ToArray();
            path.Value = $"/lib/{i:000000}.png";
            webp.Value = thumbnail;
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

    /// <summary>The process's CPU time in seconds, to the microsecond (Linux CLOCK_PROCESS_CPUTIME_ID): wall time on a shared machine says little.</summary>
    private static double ProcessCpu() => ClockGettime(2, out var time) == 0 ? time.Seconds + (time.Nanoseconds / 1e9) : double.NaN;

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGettime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
