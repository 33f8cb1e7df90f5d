using BenchmarkDotNet.Running;

namespace DrawingFromDiffusion.Benchmarks;

public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
