using System.IO.Hashing;
using BenchmarkDotNet.Attributes;
using DrawingFromDiffusion.Core.Hashing;

namespace DrawingFromDiffusion.Benchmarks.Hashing;

/// <summary>Content hash throughput (every new or changed file is hashed whole) and the perceptual hashes.</summary>
[MemoryDiagnoser]
public class HashBenchmarks
{
    private byte[] _content = [];
    private readonly float[] _gray32 = new float[PerceptualHash.PHashSide * PerceptualHash.PHashSide];
    private readonly float[] _gray9x8 = new float[PerceptualHash.DHashWidth * PerceptualHash.DHashHeight];

    [Params(64 * 1024, 1024 * 1024, 16 * 1024 * 1024)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _content = new byte[Bytes];
        random.NextBytes(_content);
        for (var i = 0; i < _gray32.Length; i++)
        {
            _gray32[i] = random.Next(256);
        }

        for (var i = 0; i < _gray9x8.Length; i++)
        {
            _gray9x8[i] = random.Next(256);
        }
    }

    [Benchmark]
    public UInt128 XxHash128Content() => XxHash128.HashToUInt128(_content);

    [Benchmark]
    public ulong PHash32x32() => PerceptualHash.PHash(_gray32);

    [Benchmark]
    public ulong DHash9x8() => PerceptualHash.DHash(_gray9x8);
}
