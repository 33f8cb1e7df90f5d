using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Library;

namespace DrawingFromDiffusion.Cli.Tests;

public sealed class ScanProgressRendererTests
{
    [Fact]
    public void Describe_WalkStillRunning_NoEtaAndOpenTotal()
    {
        var line = ScanProgressRenderer.Describe(new ScanProgress(40, false, 10, 1, TimeSpan.FromSeconds(2), null));

        Assert.Equal("scan 10/40+ files  5.0 files/s  ETA …  errors 1", line);
    }

    [Fact]
    public void Describe_ResumedScan_RateLeavesOutUnchangedFiles()
    {
        // 500 unchanged skipped at once, then 50 decoded in 10 s: 450 left at 5 files/s.
        var line = ScanProgressRenderer.Describe(new ScanProgress(1000, true, 550, 0, TimeSpan.FromSeconds(10), null, Skipped: 500));

        Assert.Equal("scan 550/1000 files (500 unchanged)  5.0 files/s  ETA 1:30  errors 0", line);
    }

    [Fact]
    public void Describe_AllDone_EtaZero()
    {
        var line = ScanProgressRenderer.Describe(new ScanProgress(7, true, 7, 0, TimeSpan.FromSeconds(1), null, Skipped: 7));

        Assert.Contains("ETA 0:00", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(59, "0:59")]
    [InlineData(3725, "1:02:05")]
    public void FormatDuration_MinutesOrHours(int seconds, string expected) =>
        Assert.Equal(expected, ScanProgressRenderer.FormatDuration(TimeSpan.FromSeconds(seconds)));
}
