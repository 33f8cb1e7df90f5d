using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Tests.Shared;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>`dfd stats` (and CatalogQueries) while a scan is committing: WAL readers neither block nor fail.</summary>
public sealed class ConcurrentReadTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// Lets the first <see cref="OpenDecodes"/> decodes through, then holds the rest until <see cref="Release"/>: the scan
    /// is certain to be part-way (some batches committed, others not) while the test reads, however loaded the machine.
    /// </summary>
    private sealed class GatedAnalyzer : IImageAnalyzer, IDisposable
    {
        public const int OpenDecodes = 40;
        private readonly SkiaImageAnalyzer _inner = new();
        private readonly ManualResetEventSlim _gate = new();
        private int _decodes;

        public void Release() => _gate.Set();

        public ImageFacts Analyze(Stream content, ImageFormat format, ImageLimits limits, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _decodes) > OpenDecodes)
            {
                _gate.Wait();
            }

            return _inner.Analyze(content, format, limits, cancellationToken);
        }

        public void Dispose() => _gate.Dispose();
    }

    [Fact]
    public async Task Stats_WhileIndexWrites_ReadsGrowingCountsWithoutErrors()
    {
        const int Images = 120;
        var library = _temp.Combine("library");
        var db = _temp.Combine("catalog.db");
        for (var i = 0; i < Images; i++)
        {
            _temp.Write($"library/img{i:000}.png", TestImages.Png(48, 48, seed: i));
        }

        CatalogDatabase.Open(db);
        using var analyzer = new GatedAnalyzer();
        var scan = Catalogs.ScanAsync(db, library, analyzer, o => o with { BatchSize = 8, MaxBatchDelay = TimeSpan.FromMilliseconds(50) });
        var seen = new List<long>();
        var queries = new CatalogQueries(CatalogDatabase.Open(db));
        while (seen.Count == 0 || seen[^1] == 0)
        {
            Assert.False(scan.IsFaulted, scan.Exception?.ToString());
            seen.Add(queries.Stats().Files);
            await Task.Delay(5);
        }

        // Held part-way by the gate: the CLI reads a committed, partial catalog while the writer is still open.
        var cli = await DfdProcess.RunAsync("stats", "--db", db, "--json");
        seen.Add(queries.Stats().Files);
        analyzer.Release();
        while (!scan.IsCompleted)
        {
            seen.Add(queries.Stats().Files);
            await Task.Delay(5);
        }

        var summary = await scan;
        Assert.Equal(Images, summary.Added);
        Assert.Equal(Images, queries.Stats().Files);
        Assert.Contains(seen, n => n is > 0 and < Images);
        Assert.Equal(seen.Order(), seen);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        using var stats = JsonDocument.Parse(cli.Stdout);
        Assert.InRange(stats.RootElement.GetProperty("files").GetInt64(), 1, GatedAnalyzer.OpenDecodes);
    }
}
