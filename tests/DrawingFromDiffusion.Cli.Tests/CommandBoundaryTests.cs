using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>
/// Every failure at the command boundary is one line on stderr and a documented exit code, no stack trace
/// (issue 19, items 6–8): the cases a probe run crashed or hung on.
/// </summary>
public sealed class CommandBoundaryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Meta_Fifo_RefusedNotOpened()
    {
        var fifo = _temp.Combine("pipe.png");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var result = await DfdProcess.RunAsync("meta", fifo);

        AssertOneLineFailure(result, 3, "FIFO");
    }

    [Fact]
    public async Task Meta_DevZero_RefusedNotRead()
    {
        var result = await DfdProcess.RunAsync("meta", "/dev/zero");

        AssertOneLineFailure(result, 3, "character device");
    }

    [Fact]
    public async Task Similar_NotAnImageAndHeaderOnlyPng_OneLineExit3()
    {
        var db = _temp.Combine("catalog.db");
        _temp.Write("pictures/a.png", TestImages.Png(64, 64, seed: 1));
        var headerOnly = _temp.Write("header-only.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Assert.Equal(0, (await DfdProcess.RunAsync("index", _temp.Combine("pictures"), "--db", db, "--no-embed")).ExitCode);

        var passwd = await DfdProcess.RunAsync("similar", "/etc/passwd", "--db", db);
        var header = await DfdProcess.RunAsync("similar", headerOnly, "--db", db);

        AssertOneLineFailure(passwd, 3, "not a usable image");
        AssertOneLineFailure(header, 3, "not a usable image");
    }

    [Fact]
    public async Task Serve_PortInUse_OneLineOnStderrNothingOnStdout()
    {
        var db = _temp.Combine("catalog.db");
        CatalogDatabase.Open(db);
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await DfdProcess.RunAsync("serve", "--db", db, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("already in use", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_CatalogHeldByAnotherWriterWithNoWait_Exit4AndNothingScanned()
    {
        var db = _temp.Combine("catalog.db");
        _temp.Write("pictures/a.png", TestImages.Png(64, 64, seed: 1));
        using var first = await CatalogWriterLock.AcquireAsync(db, wait: false, null, CancellationToken.None);

        var result = await DfdProcess.RunAsync("index", _temp.Combine("pictures"), "--db", db, "--no-embed", "--no-wait");

        AssertOneLineFailure(result, 4, "another dfd index is writing");
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task Stats_ForeignSqliteFile_RefusedAndLeftByteIdentical()
    {
        var foreign = _temp.Combine("other.db");
        using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x); INSERT INTO t VALUES (1);";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(foreign);

        var result = await DfdProcess.RunAsync("stats", "--db", foreign);

        AssertOneLineFailure(result, 1, "another program");
        Assert.Equal(before, File.ReadAllBytes(foreign));
    }

    [Fact]
    public void Describe_EveryKnownFailure_HasItsDocumentedCode()
    {
        Assert.Equal(ExitCodes.BadInput, CommandBoundary.Describe(new Core.Imaging.ImageRejectedException("x")).Code);
        Assert.Equal(ExitCodes.BadInput, CommandBoundary.Describe(new Core.Library.InputFileException("x")).Code);
        Assert.Equal(ExitCodes.CatalogBusy, CommandBoundary.Describe(new CatalogInUseException("x")).Code);
        Assert.Equal(ExitCodes.Interrupted, CommandBoundary.Describe(new OperationCanceledException()).Code);
        Assert.Equal(ExitCodes.Failure, CommandBoundary.Describe(new InvalidOperationException("x")).Code);
    }

    private static void AssertOneLineFailure(DfdResult result, int exitCode, string reason)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("CUDA", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, result.ToString());
        Assert.Contains(reason, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}
