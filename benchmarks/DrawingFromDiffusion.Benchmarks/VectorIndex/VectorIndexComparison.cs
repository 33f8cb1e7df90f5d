using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.VectorIndex;
using DrawingFromDiffusion.Storage.VectorIndex;

namespace DrawingFromDiffusion.Benchmarks.VectorIndex;

/// <summary>
/// Builds dfd's HNSW index (USearch) over a .fbin file and measures build time, memory, and recall@10 against a ground
/// truth .ibin with single-thread QPS over an ef_search sweep; also the single-thread QPS of exact search. Writes one JSON
/// object per measurement to stdout, for benchmarks/vector-index/compare.py to tabulate beside hnswlib and FAISS.
///   vector-index --base B.fbin --queries Q.fbin --truth T.ibin [--m 16] [--efc 128] [--ef 16,32,64,128,256]
///                [--precision f16|f32|both] [--threads 2] [--exact-queries 200]
/// </summary>
internal static class VectorIndexComparison
{
    private const int K = 10;

    public static int Run(string[] args)
    {
        var options = ParseArguments(args);
        var (data, count, dimensions) = VectorFile.Read<float>(options["base"]);
        var (queries, queryCount, _) = VectorFile.Read<float>(options["queries"]);
        var (truth, _, truthColumns) = VectorFile.Read<int>(options["truth"]);
        var m = int.Parse(options.GetValueOrDefault("m", "16"), CultureInfo.InvariantCulture);
        var efc = int.Parse(options.GetValueOrDefault("efc", "128"), CultureInfo.InvariantCulture);
        var threads = int.Parse(options.GetValueOrDefault("threads", "2"), CultureInfo.InvariantCulture);
        var sweep = options.GetValueOrDefault("ef", "16,32,64,128,256").Split(',').Select(int.Parse).ToArray();
        var precisions = options.GetValueOrDefault("precision", "both") switch
        {
            "f16" => new[] { VectorPrecision.Float16 },
            "f32" => [VectorPrecision.Float32],
            _ => [VectorPrecision.Float32, VectorPrecision.Float16],
        };
        var keys = Enumerable.Range(0, count).Select(i => (long)i).ToArray();

        var exactQueries = Math.Min(queryCount, int.Parse(options.GetValueOrDefault("exact-queries", "200"), CultureInfo.InvariantCulture));
        using (var exact = new ExactIndex(dimensions, VectorPrecision.Float32, count))
        {
            exact.AddRange(keys, data);
            var (recall, qps, cpuQps) = Measure(exact, queries, exactQueries, dimensions, truth, truthColumns);
            Emit(new { library = "dfd ExactIndex", config = "f32 brute force", ef = 0, recall, qps, cpu_qps = cpuQps, build_s = 0.0, memory_mb = (double)count * dimensions * 4 / (1 << 20) });
        }

        foreach (var precision in precisions)
        {
            var before = Process.GetCurrentProcess().WorkingSet64;
            var hnsw = new HnswOptions { Connectivity = m, ExpansionAdd = efc, Precision = precision, ThreadsAdd = threads };
            var clock = Stopwatch.StartNew();
            using var index = HnswIndex.Create(dimensions, hnsw, count);
            for (var start = 0; start < count; start += 10_000)
            {
                var rows = Math.Min(10_000, count - start);
                index.AddRange(keys.AsSpan(start, rows), data.AsSpan(start * dimensions, rows * dimensions));
            }

            var build = clock.Elapsed.TotalSeconds;
            var memory = index.MemoryUsage / (1024.0 * 1024.0);
            var rssDelta = (Process.GetCurrentProcess().WorkingSet64 - before) / (1024.0 * 1024.0);
            var config = $"USearch {HnswIndex.NativeVersion} M{m} efc{efc} {(precision == VectorPrecision.Float16 ? "f16" : "f32")}";
            Emit(new { library = "dfd HnswIndex", config, build_s = build, memory_mb = memory, rss_delta_mb = rssDelta, threads });
            foreach (var ef in sweep)
            {
                index.ExpansionSearch = ef;
                var (recall, qps, cpuQps) = Measure(index, queries, queryCount, dimensions, truth, truthColumns);
                Emit(new { library = "dfd HnswIndex", config, ef, recall, qps, cpu_qps = cpuQps, build_s = build, memory_mb = memory });
            }
        }

        return 0;
    }

    /// <summary>Recall@10, QPS by the wall clock, and QPS by the process's CPU time (steadier on a loaded machine).</summary>
    private static (double Recall, double Qps, double CpuQps) Measure(
        IVectorIndex index, float[] queries, int queryCount, int dimensions, int[] truth, int truthColumns)
    {
        // One warm-up pass over a few queries, then a timed single-threaded pass.
        for (var q = 0; q < Math.Min(20, queryCount); q++)
        {
            index.Search(queries.AsSpan(q * dimensions, dimensions), K);
        }

        var results = new IReadOnlyList<VectorHit>[queryCount];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var q = 0; q < queryCount; q++)
        {
            results[q] = index.Search(queries.AsSpan(q * dimensions, dimensions), K);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var found = 0;
        for (var q = 0; q < queryCount; q++)
        {
            var expected = truth.AsSpan(q * truthColumns, K).ToArray().ToHashSet();
            found += results[q].Count(hit => expected.Contains((int)hit.Key));
        }

        return ((double)found / (queryCount * K), queryCount / seconds, queryCount / cpuSeconds);
    }

    private static void Emit(object measurement) => Console.WriteLine(JsonSerializer.Serialize(measurement));

    private static Dictionary<string, string> ParseArguments(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        foreach (var required in new[] { "base", "queries", "truth" })
        {
            if (!options.ContainsKey(required))
            {
                throw new ArgumentException($"--{required} is required.");
            }
        }

        return options;
    }
}
