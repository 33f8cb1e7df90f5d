using BenchmarkDotNet.Running;
using DrawingFromDiffusion.Benchmarks.VectorIndex;

namespace DrawingFromDiffusion.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        // The cross-library vector index comparison is a fixed measurement run, not a BenchmarkDotNet suite.
        if (args.Length > 0 && args[0] == "vector-index")
        {
            return VectorIndexComparison.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
