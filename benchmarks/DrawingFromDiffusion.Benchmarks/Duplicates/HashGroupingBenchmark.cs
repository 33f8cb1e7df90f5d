using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Benchmarks.Duplicates;

/// <summary>
/// The hash tiers of `dfd dupes` on a synthetic library: uniform random pHash/dHash pairs, one in ten
/// images a near copy of another (a few bits flipped in each hash) and one in twenty files a second
/// path of an image. Goal: 1M files grouped in under 10 s on 2 cores. Random hashes have no thumbnails, so this
/// measures the nomination (Hamming joins on both hashes) and the hash-only rule; PixelCheckBenchmark times the
/// pixel check each nominated pair of real images gets.
/// Run: dotnet run -c Release --project benchmarks/DrawingFromDiffusion.Benchmarks -- --filter '*HashGrouping*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Settings))]
public class HashGroupingBenchmark
{
    private DuplicateCandidate[] _candidates = [];

    [Params(100_000, 1_000_000)]
    public int Files { get; set; }

    [GlobalSetup]
    public void Setup() => _candidates = Library(Files, seed: 42);

    [Benchmark]
    public int GroupIdenticalAndVisual() =>
        DuplicateGrouper.Group(_candidates, [new IdenticalPairSource(), new VisualPairSource(VisualRule.Default, NoPixelPrints.Instance)], CancellationToken.None).Count;

    internal static DuplicateCandidate[] Library(int files, int seed)
    {
        var random = new Random(seed);
        var epoch = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var candidates = new DuplicateCandidate[files];
        for (var i = 0; i < files; i++)
        {
            var roll = random.Next(20);
            if (i > 0 && roll == 0)
            {
                candidates[i] = candidates[random.Next(i)] with { Path = $"/library/copy/{i:0000000}.png" };
                continue;
            }

            ulong phash, dhash;
            if (i > 0 && roll <= 2)
            {
                var source = candidates[random.Next(i)];
                phash = Flip(source.PHash!.Value, random.Next(7), random);
                dhash = Flip(source.DHash!.Value, random.Next(9), random);
            }
            else
            {
                phash = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
                dhash = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            }

            candidates[i] = new DuplicateCandidate(i, $"/library/{i / 1000:000}/{i:0000000}.png", 1024, 1024, phash, dhash, epoch.AddSeconds(i), (i & 1) == 0);
        }

        return candidates;
    }

    private static ulong Flip(ulong hash, int bits, Random random)
    {
        for (var b = 0; b < bits; b++)
        {
            hash ^= 1UL << random.Next(64);
        }

        return hash;
    }

    /// <summary>
    /// A few seconds per run, so three measured runs suffice. In-process: on the shared build
    /// machine, building the out-of-process host overruns BenchmarkDotNet's two-minute build limit.
    /// </summary>
    private sealed class Settings : ManualConfig
    {
        public Settings() =>
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(3)
                .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
