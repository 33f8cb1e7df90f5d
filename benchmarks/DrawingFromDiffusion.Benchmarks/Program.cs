using BenchmarkDotNet.Running;
using DrawingFromDiffusion.Benchmarks.Embedding;

// `embedding PACK_DIR IMAGES_DIR [threads]` runs the timed embedding benchmark (model weights are too slow for BDN's many iterations).
if (args.Length > 0 && args[0] == "embedding")
{
    return EmbeddingThroughput.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
