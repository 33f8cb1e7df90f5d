using DrawingFromDiffusion.App.Indexing;
using DrawingFromDiffusion.App.Progress;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Core.Progress;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>
/// Every long stage on stderr through one renderer, driven by a fake clock: quiet for a stage that ends within 2 s,
/// a plain line every 5 s when stderr is not a terminal (a log, nohup, CI), one redrawn line on a terminal, and a
/// last line when the stage ends.
/// </summary>
public sealed class ProgressLineTests
{
    private readonly StringWriter _error = new();
    private TimeSpan _now;

    [Fact]
    public void Piped_LongStage_PlainLineEveryFiveSecondsThenFinalLine()
    {
        using var renderer = Piped();

        foreach (var (second, done) in new[] { (0.0, 0L), (1.0, 10L), (2.5, 25L), (4.0, 40L), (7.5, 75L), (9.0, 90L), (10.0, 100L) })
        {
            At(second);
            renderer.Report(new StageProgress("visual tier: pixel checks", done, 100, "pairs"));
        }

        Assert.Equal(
        [
            "dfd: visual tier: pixel checks 25/100 pairs  10.0 pairs/s  ETA 0:07",
            "dfd: visual tier: pixel checks 75/100 pairs  10.0 pairs/s  ETA 0:02",
            "dfd: visual tier: pixel checks 100/100 pairs  10.0 pairs/s  ETA 0:00",
        ], Lines());
        Assert.DoesNotContain('\r', _error.ToString());
    }

    [Fact]
    public void Piped_StageEndingWithinTwoSeconds_PrintsNothing()
    {
        using var renderer = Piped();

        At(0);
        renderer.Report(StageProgress.Step("loading candidates"));
        At(1.9);
        renderer.Report(StageProgress.StepDone("loading candidates"));
        renderer.Report(new StageProgress("k-means k=3", 1, 50, "iterations"));
        At(3.0);
        renderer.Finish();

        Assert.Empty(_error.ToString());
    }

    [Fact]
    public void Piped_StageThatReportsRarely_TicksKeepTheLinesComing()
    {
        using var renderer = Piped();

        At(0);
        renderer.Report(StageProgress.Step("grouping"));
        foreach (var second in new[] { 1, 2, 3, 4, 5, 6, 7, 8 })
        {
            At(second);
            renderer.Tick();
        }

        At(8.5);
        renderer.Report(StageProgress.StepDone("grouping"));

        Assert.Equal(["dfd: grouping  0:02", "dfd: grouping  0:07", "dfd: grouping done in 0:08"], Lines());
    }

    [Fact]
    public void Piped_NextStageStarts_EndsTheLastOneWithItsFinalLine()
    {
        using var renderer = Piped();

        At(0);
        renderer.Report(new StageProgress("choosing k in 2..5 on 40 vectors", 0, 4, "k values"));
        At(3);
        renderer.Report(new StageProgress("choosing k in 2..5 on 40 vectors", 2, 4, "k values"));
        At(3.5);
        renderer.Report(new StageProgress("k-means k=4", 0, 50, "iterations"));

        Assert.Equal(
        [
            "dfd: choosing k in 2..5 on 40 vectors 2/4 k values  0.7 k values/s  ETA 0:03",
            "dfd: choosing k in 2..5 on 40 vectors 2/4 k values  0.6 k values/s  ETA 0:03",
        ], Lines());
    }

    [Fact]
    public void Piped_SameEndReportedTwice_OneFinalLine()
    {
        using var renderer = Piped();

        At(0);
        renderer.Report(new StageProgress("tagging", 0, 8, "images"));
        At(4);
        renderer.Report(new StageProgress("tagging", 8, 8, "images"));
        renderer.Report(new StageProgress("tagging", 8, 8, "images"));
        renderer.Finish();

        Assert.Equal(["dfd: tagging 8/8 images  2.0 images/s  ETA 0:00"], Lines());
    }

    [Fact]
    public void Terminal_RedrawsOneLineAndEndsIt()
    {
        using var renderer = new ProgressRenderer(_error, terminal: true, ProgressTiming.Redrawn, () => _now);

        At(0);
        renderer.Report(IndexService.Stage(new EmbeddingProgress(20, 0, 0, TimeSpan.Zero)));
        At(2);
        renderer.Report(IndexService.Stage(new EmbeddingProgress(20, 10, 0, TimeSpan.Zero)));
        At(2.1);
        renderer.Report(IndexService.Stage(new EmbeddingProgress(20, 11, 0, TimeSpan.Zero)));
        At(4);
        renderer.Report(IndexService.Stage(new EmbeddingProgress(20, 19, 1, TimeSpan.Zero)));

        Assert.Equal(
            "\r\u001b[K[##########----------]  50% embedding 10/20 images  5.0 images/s  ETA 0:02  failed 0"
            + "\r\u001b[K[####################] 100% embedding 20/20 images  5.0 images/s  ETA 0:00  failed 1" + Environment.NewLine,
            _error.ToString());
    }

    [Fact]
    public void Terminal_StepWithoutCounts_NoBar()
    {
        using var renderer = new ProgressRenderer(_error, terminal: true, ProgressTiming.Redrawn, () => _now);

        At(0);
        renderer.Report(StageProgress.Step("grouping"));
        At(3);
        renderer.Report(StageProgress.StepDone("grouping"));

        Assert.Equal("\r\u001b[Kgrouping done in 0:03" + Environment.NewLine, _error.ToString());
    }

    [Fact]
    public void Describe_ScanWalkStillRunning_NoEtaAndOpenTotal()
    {
        var line = StageProgressPacer.Describe(IndexService.Stage(new ScanProgress(40, false, 10, 1, TimeSpan.Zero, null)), TimeSpan.FromSeconds(2));

        Assert.Equal("scan 10/40+ files  5.0 files/s  ETA …  errors 1", line);
    }

    [Fact]
    public void Describe_ResumedScan_RateLeavesOutUnchangedFiles()
    {
        // 500 unchanged skipped at once, then 50 decoded in 10 s: 450 left at 5 files/s.
        var line = StageProgressPacer.Describe(IndexService.Stage(new ScanProgress(1000, true, 550, 0, TimeSpan.Zero, null, Skipped: 500)), TimeSpan.FromSeconds(10));

        Assert.Equal("scan 550/1000 files (500 unchanged)  5.0 files/s  ETA 1:30  errors 0", line);
    }

    [Fact]
    public void Describe_Embedding_RateAndTimeLeft()
    {
        var line = StageProgressPacer.Describe(IndexService.Stage(new EmbeddingProgress(400, 50, 0, TimeSpan.Zero)), TimeSpan.FromSeconds(5));

        Assert.Equal("embedding 50/400 images  10.0 images/s  ETA 0:35  failed 0", line);
    }

    [Theory]
    [InlineData(59, "0:59")]
    [InlineData(3725, "1:02:05")]
    public void FormatDuration_MinutesOrHours(int seconds, string expected) =>
        Assert.Equal(expected, StageProgressPacer.FormatDuration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(false, null, 2, 5)]
    [InlineData(false, "0", 0, 0)]
    [InlineData(false, "1", 1, 1)]
    [InlineData(false, "junk", 2, 5)]
    [InlineData(true, null, 2, 0.2)]
    public void Timing_TestingKnob_SetsIntervalAndShortensTheQuietPeriod(bool terminal, string? every, double quiet, double interval)
    {
        var timing = ProgressRenderer.Timing(terminal, every);

        Assert.Equal((TimeSpan.FromSeconds(quiet), TimeSpan.FromSeconds(interval)), (timing.QuietFor, timing.Every));
    }

    [Fact]
    public void Logged_ServerStages_SameLinesAsLogRecords()
    {
        var logger = new ListLogger();
        using (var progress = new LoggedStageProgress(logger, "duplicate groups", ProgressTiming.Plain, () => _now))
        {
            At(0);
            progress.Report(StageProgress.Step("loading candidates"));
            At(0.5);
            progress.Report(new StageProgress("visual tier: pixel checks", 0, 60, "pairs"));
            At(3.5);
            progress.Report(new StageProgress("visual tier: pixel checks", 30, 60, "pairs"));
            At(6.5);
            progress.Report(new StageProgress("visual tier: pixel checks", 60, 60, "pairs"));
            progress.Report(StageProgress.Step("grouping"));
            At(7);
        }

        Assert.Equal(
        [
            "duplicate groups: visual tier: pixel checks 30/60 pairs  10.0 pairs/s  ETA 0:03",
            "duplicate groups: visual tier: pixel checks 60/60 pairs  10.0 pairs/s  ETA 0:00",
        ], logger.Lines);
    }

    private ProgressRenderer Piped() => new(_error, terminal: false, ProgressTiming.Plain, () => _now);

    private void At(double seconds) => _now = TimeSpan.FromSeconds(seconds);

    private string[] Lines() => _error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
