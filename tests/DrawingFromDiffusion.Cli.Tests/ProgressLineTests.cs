using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Embeddings;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>With stderr not a terminal (a log, nohup, CI) long stages print a plain line every ~5 s with rate and ETA.</summary>
public sealed class ProgressLineTests
{
    [Fact]
    public void Embedding_NotATerminal_PlainLineEveryFiveSecondsWithRateAndEta()
    {
        using var error = new StringWriter();
        var renderer = new EmbeddingProgressRenderer(error, terminal: false);

        foreach (var second in new[] { 1, 3, 5, 6, 9, 10.5, 12, 16 })
        {
            var embedded = (int)(second * 10);
            renderer.Report(new EmbeddingProgress(400, embedded, 0, TimeSpan.FromSeconds(second)));
        }

        renderer.Finish();

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "dfd: embedding 50/400 images  10.0 images/s  ETA 0:35  failed 0",
            "dfd: embedding 105/400 images  10.0 images/s  ETA 0:29  failed 0",
            "dfd: embedding 160/400 images  10.0 images/s  ETA 0:24  failed 0",
        ], lines);
        Assert.DoesNotContain('\r', error.ToString());
    }

    [Fact]
    public void Embedding_Terminal_RedrawsOneLineAndEndsIt()
    {
        using var error = new StringWriter();
        var renderer = new EmbeddingProgressRenderer(error, terminal: true);

        renderer.Report(new EmbeddingProgress(20, 5, 0, TimeSpan.FromSeconds(1)));
        renderer.Report(new EmbeddingProgress(20, 10, 1, TimeSpan.FromSeconds(2)));
        renderer.Finish();

        Assert.Equal("\r\u001b[Kembedding 5/20 images  5.0 images/s  ETA 0:03  failed 0\r\u001b[Kembedding 10/20 images  5.0 images/s  ETA 0:01  failed 1" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void Stage_FakeClock_QuietAtFirstThenEveryFiveSeconds()
    {
        using var error = new StringWriter();
        var now = TimeSpan.Zero;
        var stage = new StageProgress(error, "visual tier: pixel checks", "pairs", () => now);

        foreach (var (second, done) in new[] { (1.0, 10L), (2.5, 25L), (4.0, 40L), (7.5, 75L), (9.0, 90L), (10.0, 100L) })
        {
            now = TimeSpan.FromSeconds(second);
            stage.Report((done, 100));
        }

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "dfd: visual tier: pixel checks 25/100 pairs  10 pairs/s  ETA 0:07",
            "dfd: visual tier: pixel checks 75/100 pairs  10 pairs/s  ETA 0:02",
            "dfd: visual tier: pixel checks 100/100 pairs  10 pairs/s  ETA 0:00",
        ], lines);
    }
}
