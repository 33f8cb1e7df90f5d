using System.Diagnostics;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Tests.Shared;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>
/// Cancelling a scan (Ctrl+C, SIGTERM) returns at once, whatever one file's decode is doing, and keeps every committed
/// file (issue 19: cancellation honoured everywhere in the scan).
/// </summary>
public sealed class ScanCancellationTests : IDisposable
{
    private const int SmallImages = 12;
    private readonly TempFolder _temp = new();
    private readonly StuckAnalyzer _analyzer = new();

    public void Dispose()
    {
        _analyzer.Release();
        _temp.Dispose();
    }

    /// <summary>
    /// Decodes every image but the big one, whose decode says that it started and then neither reads nor returns until
    /// the test ends — as a read stuck in the operating system (a hung network share) or a decoder between two reads.
    /// </summary>
    private sealed class StuckAnalyzer : IImageAnalyzer
    {
        private readonly SkiaImageAnalyzer _inner = new();
        private readonly ManualResetEventSlim _gate = new();
        private readonly TaskCompletionSource<CancellationToken> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _returned;

        public const long BigBytes = 30_000;

        /// <summary>Completed with the token the scan gave the stuck decode, once that decode has started.</summary>
        public Task<CancellationToken> StuckDecodeStarted => _started.Task;

        public bool StuckDecodeReturned => Volatile.Read(ref _returned) == 1;

        public void Release() => _gate.Set();

        public ImageFacts Analyze(Stream content, ImageFormat format, ImageLimits limits, CancellationToken cancellationToken = default)
        {
            if (content.Length < BigBytes)
            {
                return _inner.Analyze(content, format, limits, cancellationToken);
            }

            _started.TrySetResult(cancellationToken);
            _gate.Wait(CancellationToken.None);
            Volatile.Write(ref _returned, 1);
            cancellationToken.ThrowIfCancellationRequested();
            return _inner.Analyze(content, format, limits, cancellationToken);
        }
    }

    [Fact]
    public async Task Scan_CancelledWhileOneDecodeIsStuck_ReturnsCancelledAndKeepsCommittedFiles()
    {
        var library = _temp.Combine("library");
        var db = _temp.Combine("catalog.db");
        var big = _temp.Write("library/big.jpg", TestImages.Jpeg(1000, 1000, seed: 1, quality: 100));
        Assert.True(new FileInfo(big).Length >= StuckAnalyzer.BigBytes, "the big image must be recognisable by its size");
        for (var i = 0; i < SmallImages; i++)
        {
            _temp.Write($"library/small{i:00}.png", TestImages.Png(32, 32, seed: 10 + i));
        }

        using var stop = new CancellationTokenSource();
        var scan = Catalogs.ScanAsync(db, library, _analyzer, o => o with { BatchSize = 4, MaxBatchDelay = TimeSpan.FromMilliseconds(20) }, stop.Token);
        var stuckToken = await _analyzer.StuckDecodeStarted;
        // The other worker commits every small image while the big one's decode is stuck.
        while (Catalogs.Scalar(db, "SELECT count(*) FROM files") < SmallImages)
        {
            Assert.False(scan.IsCompleted, scan.Exception?.ToString() ?? "the scan ended before it was cancelled");
            await Task.Delay(10);
        }

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scan);
        Assert.False(_analyzer.StuckDecodeReturned, "the scan waited for the stuck decode");
        Assert.True(stuckToken.IsCancellationRequested, "the decode was not given the scan's token");
        Assert.Equal("ok", Catalogs.IntegrityCheck(db));
        Assert.Equal(SmallImages, Catalogs.Scalar(db, "SELECT count(*) FROM files"));
        Assert.Equal(0, Catalogs.Scalar(db, "SELECT count(*) FROM files WHERE path LIKE '%big.jpg'"));
        Assert.Equal(0, Catalogs.Scalar(db, "SELECT count(*) FROM errors"));

        // The next run keeps what was committed and picks up the rest.
        _analyzer.Release();
        var rerun = await Catalogs.ScanAsync(db, library);
        Assert.Equal((1, SmallImages, 0), (rerun.Added, rerun.Unchanged, rerun.Failed));
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Index_Signalled_ExitsWithOneClearLineAndKeepsCommittedFiles(string signal)
    {
        const int Images = 300;
        var library = _temp.Combine("library");
        var db = _temp.Combine("catalog.db");
        Parallel.For(0, Images, i => _temp.Write($"library/{i / 50:00}/img{i:000}.png", TestImages.Png(160, 160, seed: i)));

        using var child = DfdProcess.Start("index", "--no-embed", library, "--db", db, "--workers", "1");
        var stderr = child.StandardError.ReadToEndAsync();
        var stdout = child.StandardOutput.ReadToEndAsync();
        var committed = await Catalogs.WaitForCountAsync(db, child, "SELECT count(*) FROM files", atLeast: 16);
        Assert.False(child.HasExited, $"dfd finished before it could be signalled ({committed} files committed): make the corpus bigger");
        using (var kill = Process.Start("kill", ["-" + signal, child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        await child.WaitForExitAsync();

        var errors = await stderr;
        Assert.True(child.ExitCode == ExitCodes.Interrupted, $"exit {child.ExitCode}\n{await stdout}\n{errors}");
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("dfd:", StringComparison.Ordinal)).ToList();
        // Progress lines ("dfd: scan …") may come first when the machine is slow; the interrupt line is said once, last.
        const string Interrupted = "dfd: interrupted; every committed file is kept. Run the same command again to resume.";
        Assert.Single(lines, l => l == Interrupted);
        Assert.Equal(Interrupted, lines[^1]);
        Assert.DoesNotContain(lines, l => l.Contains("xception", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        Assert.Equal("ok", Catalogs.IntegrityCheck(db));
        Assert.InRange(Catalogs.Scalar(db, "SELECT count(*) FROM files"), committed, Images - 1);
    }
}
