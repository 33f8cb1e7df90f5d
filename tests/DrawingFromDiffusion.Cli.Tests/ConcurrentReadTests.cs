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

    /// <summary>Slows every decode so that the scan commits many small batches while the test reads.</summary>
    private sealed class SlowAnalyzer : IImageAnalyzer
    {
        private readonly SkiaImageAnalyzer _inner = new();

        public ImageFacts Analyze(Stream content, ImageFormat format, ImageLimits limits)
        {
            Thread.Sleep(15);
            return _inner.Analyze(content, format, limits);
        }
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
        var scan = Catalogs.ScanAsync(db, library, new SlowAnalyzer(), o => o with { BatchSize = 8, MaxBatchDelay = TimeSpan.FromMilliseconds(50) });
        var seen = new List<long>();
        DfdResult? cli = null;
        var queries = new CatalogQueries(CatalogDatabase.Open(db));
        while (!scan.IsCompleted)
        {
            seen.Add(queries.Stats().Files);
            if (cli is null && seen[^1] > 0)
            {
                cli = await DfdProcess.RunAsync("stats", "--db", db, "--json");
            }

            await Task.Delay(5);
        }

        var summary = await scan;
        Assert.Equal(Images, summary.Added);
        Assert.Equal(Images, queries.Stats().Files);
        Assert.Contains(seen, n => n is > 0 and < Images);
        Assert.Equal(seen.Order(), seen);
        Assert.NotNull(cli);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        using var stats = JsonDocument.Parse(cli.Stdout);
        Assert.InRange(stats.RootElement.GetProperty("files").GetInt64(), 1, Images);
    }
}
