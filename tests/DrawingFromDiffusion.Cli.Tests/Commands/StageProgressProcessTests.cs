using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Tests.Shared;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>
/// `dfd dupes` and `dfd clusters` as real processes with stderr piped (a log, CI): with the testing knob every stage
/// shows as a plain "dfd: …" line; without it, stages this short stay quiet.
/// </summary>
public sealed class StageProgressProcessTests : IAsyncLifetime
{
    private const string Model = "planted-test";
    private static readonly Dictionary<string, string> _forced = new() { [ProgressRenderer.EveryVariable] = "0" };
    private readonly TempFolder _temp = new();
    private string Db => _temp.Combine("catalog.db");

    public async Task InitializeAsync()
    {
        for (var seed = 1; seed <= 8; seed++)
        {
            _temp.Write($"library/p{seed}.png", TestImages.Png(64, 48, seed));
        }

        // The same picture again as a JPEG: a visual pair to check.
        _temp.Write("library/p1-copy.jpg", TestImages.Jpeg(64, 48, seed: 1, quality: 95));
        await Catalogs.ScanAsync(Db, _temp.Combine("library"));
        var random = new Random(5);
        var vectors = Catalogs.Files(Db).Values.Distinct().Select(id =>
        {
            var v = new float[8];
            v[(int)(id % 3)] = 1;
            for (var j = 0; j < v.Length; j++)
            {
                v[j] += 0.05f * (float)random.NextDouble();
            }

            VectorMath.Normalize(v);
            return new ImageEmbedding(id, v);
        }).ToList();
        using var store = new SqliteEmbeddingStore(CatalogDatabase.Open(Db));
        await store.SaveAsync(Model, 0, vectors, VectorPrecision.Float32, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Dupes_StderrPipedAndForced_PrintsEachPassAsPlainLines()
    {
        var result = await DfdProcess.RunWithAsync(_forced, "dupes", "--db", Db);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("dfd: loading candidates done in ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("dfd: visual tier: nominating pairs done in ", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"dfd: visual tier: pixel checks (\d+)/\1 pairs  [\d.]+ pairs/s  ETA 0:00", result.Stderr);
        Assert.Contains("dfd: grouping done in ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', result.Stderr);
        Assert.DoesNotContain('\u001b', result.Stderr);
    }

    [Fact]
    public async Task Clusters_StderrPipedAndForced_PrintsEachStepAsPlainLines()
    {
        var result = await DfdProcess.RunWithAsync(_forced, "clusters", "--db", Db);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("dfd: loading vectors done in ", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"dfd: choosing k in 2\.\.\d+ on 9 vectors (\d+)/\1 k values", result.Stderr);
        Assert.Matches(@"dfd: k-means k=\d+ (\d+)/\1 iterations  [\d.]+ iterations/s  ETA 0:00", result.Stderr);
        Assert.Contains("dfd: map layout done in ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("dfd: labels done in ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', result.Stderr);
    }

    [Fact]
    public async Task Dupes_StderrPipedShortRun_NoStageLines()
    {
        var result = await DfdProcess.RunAsync("dupes", "--db", Db);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("loading candidates", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("pixel checks", result.Stderr, StringComparison.Ordinal);
    }
}
