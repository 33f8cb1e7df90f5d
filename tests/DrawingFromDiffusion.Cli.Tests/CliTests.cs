using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>The dfd commands' output shapes and exit codes, through the real executable.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _library;
    private readonly string _db;

    public CliTests()
    {
        _library = _temp.Combine("library");
        _db = _temp.Combine("catalog.db");
        _temp.Write("library/good.png", TestImages.Png(64, 48, seed: 1));
        _temp.Write("library/with, comma \"and quote\".jpg", TestImages.Jpeg(40, 30, seed: 2));
        _temp.Write("library/broken.png", "not a png"u8.ToArray());
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Index_Json_PrintsSummaryObjectAndExitsZeroDespiteBadFile()
    {
        var result = await DfdProcess.RunAsync("index", "--no-embed", _library, "--db", _db, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected = ["catalog", "found", "added", "updated", "moved", "unchanged", "removed", "failed", "failed_unchanged", "ignored", "images_pruned", "elapsed_seconds", "files_per_second"];
        Assert.Subset(names, expected.ToHashSet());
        Assert.Equal(_db, json.RootElement.GetProperty("catalog").GetString());
        Assert.Equal((3, 2, 1), (json.RootElement.GetProperty("found").GetInt32(), json.RootElement.GetProperty("added").GetInt32(), json.RootElement.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task Errors_Json_ListsPathStageReasonAndTime()
    {
        await DfdProcess.RunAsync("index", "--no-embed", _library, "--db", _db);

        var result = await DfdProcess.RunAsync("errors", "--db", _db, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var error = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(_temp.Combine("library", "broken.png"), error.GetProperty("path").GetString());
        Assert.Equal("decode", error.GetProperty("stage").GetString());
        Assert.Contains("not an image", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(error.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Export_Csv_QuotesPathsWithCommasAndQuotes()
    {
        await DfdProcess.RunAsync("index", "--no-embed", _library, "--db", _db);

        var result = await DfdProcess.RunAsync("export", "--db", _db, "--format", "csv");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("path,image_id,hash,width,height,format,size,modified,", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",duplicate_group,duplicate_tier,cluster,adherence,adherence_model", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        var quoted = "\"" + _temp.Combine("library", "with, comma \"\"and quote\"\".jpg") + "\",";
        var row = Assert.Single(lines, l => l.StartsWith(quoted, StringComparison.Ordinal));
        var rest = row[quoted.Length..].Split(',');
        Assert.Equal(lines[0].Split(',').Length - 1, rest.Length);
        Assert.Equal(("40", "30", "jpeg"), (rest[2], rest[3], rest[4]));
        Assert.Matches("^[0-9a-f]{32}$", rest[1]);
    }

    [Fact]
    public async Task Export_Jsonl_OneObjectPerFile()
    {
        await DfdProcess.RunAsync("index", "--no-embed", _library, "--db", _db);

        var result = await DfdProcess.RunAsync("export", "--db", _db);

        var records = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(32, r.GetProperty("hash").GetString()!.Length));
    }

    [Fact]
    public async Task Index_MissingFolder_ExitsTwo()
    {
        var result = await DfdProcess.RunAsync("index", "--no-embed", _temp.Combine("no-such-folder"), "--db", _db);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such folder", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_db));
    }

    [Theory]
    [InlineData("parent-is-a-file")]
    [InlineData("proc")]
    public async Task Index_UnwritableCatalog_ExitsOneWithOneLine(string kind)
    {
        var blocker = _temp.Write("plain-file", "x"u8.ToArray());
        // Tests may run as root, which ignores permission bits: use places no one can create a file in.
        var db = kind == "proc" ? "/proc/dfd-catalog.db" : Path.Combine(blocker, "catalog.db");

        var result = await DfdProcess.RunAsync("index", "--no-embed", _library, "--db", db);

        Assert.True(result.ExitCode == 1, result.ToString());
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("dfd: ", line, StringComparison.Ordinal);
        Assert.Contains(db, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_CatalogFromNewerDfd_ExitsOneWithOneLine()
    {
        await DfdProcess.RunAsync("index", "--no-embed", _library, "--db", _db);
        using (var connection = new SqliteConnection($"Data Source={_db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 999";
            command.ExecuteNonQuery();
        }

        foreach (var args in new[] { new[] { "stats", "--db", _db }, ["index", "--no-embed", _library, "--db", _db] })
        {
            var result = await DfdProcess.RunAsync(args);

            Assert.True(result.ExitCode == 1, result.ToString());
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("newer dfd", line, StringComparison.Ordinal);
            Assert.Empty(result.Stdout);
        }
    }

    [Fact]
    public async Task Stats_NoCatalog_ExitsOneAndCreatesNothing()
    {
        var result = await DfdProcess.RunAsync("stats", "--db", _db);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no catalog", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_db));
    }

    [Fact]
    public async Task Index_RetryErrors_RetriesUnchangedFailures()
    {
        await DfdProcess.RunAsync("index", "--no-embed", _library, "--db", _db, "--max-megapixels", "0.002");
        var errorsBefore = await DfdProcess.RunAsync("errors", "--db", _db, "--json");
        Assert.Equal(2, JsonDocument.Parse(errorsBefore.Stdout).RootElement.GetArrayLength()); // good.png is over the tiny limit

        var plain = await DfdProcess.RunAsync("index", "--no-embed", _library, "--db", _db, "--json");
        var retried = await DfdProcess.RunAsync("index", "--no-embed", _library, "--db", _db, "--json", "--retry-errors");

        using var plainJson = JsonDocument.Parse(plain.Stdout);
        Assert.Equal((0, 2, 0), (plainJson.RootElement.GetProperty("added").GetInt32(), plainJson.RootElement.GetProperty("failed_unchanged").GetInt32(), plainJson.RootElement.GetProperty("failed").GetInt32()));
        using var retriedJson = JsonDocument.Parse(retried.Stdout);
        Assert.Equal((1, 0, 1), (retriedJson.RootElement.GetProperty("added").GetInt32(), retriedJson.RootElement.GetProperty("failed_unchanged").GetInt32(), retriedJson.RootElement.GetProperty("failed").GetInt32()));
        var errorsAfter = await DfdProcess.RunAsync("errors", "--db", _db, "--json");
        var remaining = Assert.Single(JsonDocument.Parse(errorsAfter.Stdout).RootElement.EnumerateArray());
        Assert.EndsWith("broken.png", remaining.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_StderrRedirected_PlainProgressLinesWithoutEscapes()
    {
        // The testing knob: a scan of two files ends long before the 2 s a stage stays quiet.
        var result = await DfdProcess.RunWithAsync(new Dictionary<string, string> { ["DFD_PROGRESS_EVERY"] = "0" }, "index", "--no-embed", _library, "--db", _db);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain('\u001b', result.Stderr);
        Assert.Contains("dfd: scan 3/3 files", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', result.Stderr);
        Assert.Contains("files/s", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("added 2", result.Stdout, StringComparison.Ordinal);
    }
}
