using BenchmarkDotNet.Running;
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
        // video [CLIP] [PACK_DIR]   frames/s of video sampling, frame analysis and embedding
        ["video"] = VideoThroughput.Run,
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
