using BenchmarkDotNet.Running;
using DrawingFromDiffusion.Benchmarks.Embedding;
using DrawingFromDiffusion.Benchmarks.Search;
using DrawingFromDiffusion.Benchmarks.VectorIndex;

namespace DrawingFromDiffusion.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        // Fixed measurement runs, not BenchmarkDotNet suites: model weights and 100k-vector builds are too slow for its many iterations.
        //   vector-index …                       the cross-library HNSW comparison (benchmarks/vector-index/compare.py drives it)
        //   embedding PACK_DIR IMAGES_DIR [threads]  model-only vs end-to-end embedding throughput
        //   text-query PACK_DIR [count] [threads]    a text query end to end: tokenize → text tower → top-10 of count → catalog join
        if (args.Length > 0 && args[0] == "vector-index")
        {
            return VectorIndexComparison.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "text-query")
        {
            return TextQueryLatency.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "embedding")
        {
            return EmbeddingThroughput.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
