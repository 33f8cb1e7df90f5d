using BenchmarkDotNet.Running;
using DrawingFromDiffusion.Benchmarks.Embedding;
using DrawingFromDiffusion.Benchmarks.VectorIndex;
using DrawingFromDiffusion.Benchmarks.Video;

namespace DrawingFromDiffusion.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        // Fixed measurement runs, not BenchmarkDotNet suites: model weights and 100k-vector builds are too slow for its many iterations.
        //   vector-index …                       the cross-library HNSW comparison (benchmarks/vector-index/compare.py drives it)
        //   embedding PACK_DIR IMAGES_DIR [threads]  model-only vs end-to-end embedding throughput
        //   text-latency PACK_DIR INT8_ONNX [tokenizer-vectors.json] [rounds]  text tower latency per session option, int8 agreement
        if (args.Length > 0 && args[0] == "vector-index")
        {
            return VectorIndexComparison.Run(args[1..]);
        }

        //   video [CLIP] [PACK_DIR]              frames/s of video sampling, frame analysis and embedding
        if (args.Length > 0 && args[0] == "video")
        {
            return VideoThroughput.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "embedding")
        {
            return EmbeddingThroughput.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "text-latency")
        {
            return TextLatency.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
