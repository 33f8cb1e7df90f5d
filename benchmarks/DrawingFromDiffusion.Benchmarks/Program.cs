using BenchmarkDotNet.Running;
using DrawingFromDiffusion.Benchmarks.Catalog;
using DrawingFromDiffusion.Benchmarks.Embedding;
using DrawingFromDiffusion.Benchmarks.Search;
using DrawingFromDiffusion.Benchmarks.VectorIndex;
using DrawingFromDiffusion.Benchmarks.Video;

namespace DrawingFromDiffusion.Benchmarks;

public static class Program
{
    /// <summary>
    /// Fixed measurement runs, not BenchmarkDotNet suites: model weights and 100k-vector builds are too slow for its many iterations.
    /// </summary>
    private static readonly Dictionary<string, Func<string[], int>> _runs = new(StringComparer.Ordinal)
    {
        // vector-index …   the cross-library HNSW comparison (benchmarks/vector-index/compare.py drives it)
        ["vector-index"] = VectorIndexComparison.Run,
        // embedding PACK_DIR IMAGES_DIR [threads]   model-only vs end-to-end embedding throughput
        ["embedding"] = EmbeddingThroughput.Run,
        // text-latency PACK_DIR INT8_ONNX [tokenizer-vectors.json] [rounds]   text tower latency per session option, int8 agreement
        ["text-latency"] = TextLatency.Run,
        // text-query PACK_DIR [count] [threads]   tokenize → text tower → top-10 of count → catalog join
        ["text-query"] = TextQueryLatency.Run,
        // similar PACK_ID SIMILAR_SET_DIR [count]   `dfd similar` in-process on count images: top 50 re-ranked by the copy check
        ["similar"] = SimilarQueryLatency.Run,
        // rescan WORK_DIR COUNT [rounds]   generated tree + catalog of COUNT unchanged files, then the rescan timed (issue 14 goal 3)
        ["rescan"] = Scan.RescanBenchmark.Run,
        // catalog-cost IMAGES_DIR [count] [PACK_DIR]   thread CPU time per step of a new file's catalog work (issue 14 goal 2)
        ["catalog-cost"] = Scan.CatalogCost.Run,
        // index-ratio IMAGES_DIR PACK_ID COUNT [threads] [rounds]   `dfd index` one-decode vs two-decode vs model-only (issue 14 goal 1)
        ["index-ratio"] = Scan.IndexRatio.Run,
        // video [CLIP] [PACK_DIR]   frames/s of video sampling, frame analysis and embedding
        ["video"] = VideoThroughput.Run,
        // large-catalog DB_PATH COUNT MODEL_ID [DIMS] [--no-index]   a synthetic studio catalog written straight into SQLite, plus its index file
        ["large-catalog"] = LargeCatalog.Run,
        // catalog-queries DB_PATH [rounds]   prompt search (FTS5), stats and facets on a catalog, in process
        ["catalog-queries"] = CatalogQueryLatency.Run,
        // pg-vs-sqlite POSTGRES_URL SQLITE_PATH [count] [queries]   issue 15: PostgreSQL + pgvector vs SQLite + USearch
        ["pg-vs-sqlite"] = Catalog.PgVsSqlite.Run,
    };

    public static int Main(string[] args)
    {
        if (args.Length > 0 && _runs.TryGetValue(args[0], out var run))
        {
            return run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
