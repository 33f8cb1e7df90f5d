using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>Duplicate groups are stored with the catalog state: dupes, export and serve reuse them until a scan changes it.</summary>
public sealed class StoredDuplicatesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Dupes_SecondRunOnUnchangedCatalog_ReusesStoredGroupsAndExportSharesThem()
    {
        var db = await Catalog();

        var first = await DfdProcess.RunAsync("dupes", "--json", "--db", db);
        var second = await DfdProcess.RunAsync("dupes", "--json", "--db", db);
        var export = await DfdProcess.RunAsync("export", "--format", "csv", "--db", db);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.DoesNotContain("reused", first.Stderr, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("duplicate groups reused", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(Without(first.Stdout, "elapsed"), Without(second.Stdout, "elapsed"));
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal(1, Scalar(db, "SELECT count(*) FROM duplicate_runs"));
    }

    [Fact]
    public async Task Dupes_AfterAScanAddsAFile_ComputesAgain()
    {
        var db = await Catalog();
        await DfdProcess.RunAsync("dupes", "--db", db);
        _temp.Write("library/c.png", TestImages.Png(64, 48, seed: 1));
        Assert.Equal(0, (await DfdProcess.RunAsync("index", "--no-embed", _temp.Combine("library"), "--db", db)).ExitCode);

        var again = await DfdProcess.RunAsync("dupes", "--json", "--db", db);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain("reused", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("c.png", again.Stdout, StringComparison.Ordinal);
    }

    private async Task<string> Catalog()
    {
        _temp.Write("library/a.png", TestImages.Png(64, 48, seed: 1));
        _temp.Write("library/b.png", TestImages.Png(64, 48, seed: 1));
        _temp.Write("library/other.png", TestImages.Png(64, 48, seed: 7));
        var db = _temp.Combine("catalog.db");
        var index = await DfdProcess.RunAsync("index", "--no-embed", _temp.Combine("library"), "--db", db);
        Assert.True(index.ExitCode == 0, index.ToString());
        return db;
    }

    private static string Without(string json, string word) =>
        string.Join('\n', json.Split('\n').Where(l => !l.Contains(word, StringComparison.Ordinal)));

    private static long Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
