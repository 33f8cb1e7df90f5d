using System.Diagnostics;
using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Storage.VectorIndex;

namespace DrawingFromDiffusion.Benchmarks.Catalog;

/// <summary>
/// In-process latency of the catalog-only queries on a (large) catalog: prompt search (FTS5, BM25, the fetch size
/// `dfd search --mode prompt` uses), `dfd stats`, and the facet counts. p50/p90 and CPU time per call.
/// With MODEL_ID: opening its index file loaded vs memory-mapped (view), each followed by one top-10 search.
///   catalog-queries DB_PATH [rounds=5] [MODEL_ID DIMS]
/// </summary>
public static class CatalogQueryLatency
{
    // Common style words, mid-frequency subjects, phrases, prefixes, rare generated words, and a filter.
    private static readonly string[] Queries =
    [
        "watercolor", "fox", "knight castle", "\"oil painting\"", "highly detailed", "dragon*", "neon city", "cozy library",
        "samurai moonlit", "\"ukiyo-e\" wave", "masterpiece", "lighthouse", "kari", "zentor", "ramen", "steampunk airship",
        "golden hour", "tiny robot", "vaporwave", "gothic cathedral",
    ];

    public static int Run(string[] args)
    {
        var database = CatalogDatabase.OpenExisting(Path.GetFullPath(args[0]), readOnly: true) ?? throw new InvalidOperationException("no catalog");
        var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
        if (args.Length > 3)
        {
            var dims = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
            foreach (var view in new[] { false, true, false, true })
            {
                var rss = Environment.WorkingSet;
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                using var index = VectorIndexStore.OpenAsync(database, args[2], dims, new VectorIndexOptions { ViewFile = view, SaveAfterOpen = false }, null, CancellationToken.None).GetAwaiter().GetResult();
                var opened = clock.Elapsed.TotalMilliseconds;
                var query = new float[dims];
                query[0] = 1;
                var hits = index.Search(query, 10);
                Console.WriteLine($"index open ({(view ? "view" : "load")}, {index.LastReport.Action}, {index.Count:N0} vectors): {opened:0} ms, then first top-10 {clock.Elapsed.TotalMilliseconds - opened:0.0} ms; CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds:0} ms; working set +{(Environment.WorkingSet - rss) / 1048576.0:0} MiB ({hits.Count} hits)");
            }
        }

        var prompts = new PromptSearch(database);
        Time("stats", rounds, () => new CatalogQueries(database).Stats());
        Time("facets (top 200)", rounds, () => prompts.Facets(200));
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var r = -1; r < rounds; r++)
        {
            foreach (var q in Queries)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var found = prompts.Search(new SearchQuery(q, new SearchFilters(), 100)).Count;
                if (r >= 0)
                {
                    wall.Add(clock.Elapsed.TotalMilliseconds);
                    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
                }
                else
                {
                    Console.WriteLine($"  prompt '{q}': {found} hits, {clock.Elapsed.TotalMilliseconds:0.0} ms (first run)");
                }
            }
        }

        wall.Sort();
        cpu.Sort();
        Console.WriteLine($"prompt search ({Queries.Length} queries × {rounds}, limit 100): wall p50 {wall[wall.Count / 2]:0.0} ms, p90 {wall[wall.Count * 9 / 10]:0.0} ms; CPU p50 {cpu[cpu.Count / 2]:0.0} ms, p90 {cpu[cpu.Count * 9 / 10]:0.0} ms");
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return 0;
    }

    private static void Time(string name, int rounds, Action action)
    {
        action();
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            wall.Add(clock.Elapsed.TotalMilliseconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        wall.Sort();
        cpu.Sort();
        Console.WriteLine($"{name}: wall p50 {wall[wall.Count / 2]:0.0} ms, max {wall[^1]:0.0} ms; CPU p50 {cpu[cpu.Count / 2]:0.0} ms");
    }
}
