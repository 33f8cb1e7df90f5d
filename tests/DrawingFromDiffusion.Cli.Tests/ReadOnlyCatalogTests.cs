using System.Diagnostics;
using System.Security.Cryptography;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>
/// A catalog its user cannot write, and another program's SQLite file: read commands answer without writing a byte
/// (no migration, no -wal/-shm, no lock, no stored duplicate groups) and say once that the catalog is read-only;
/// `dfd index` refuses before it creates anything (issue 19, item 6). The tests run as root, who may write anything,
/// so the commands run as the user nobody.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyCatalogTests : IDisposable
{
    private const string ReadOnlyNotice = "is read-only here";
    private readonly TempFolder _temp = new();
    private readonly string _library;
    private readonly string _catalogFolder;
    private readonly string _db;

    public ReadOnlyCatalogTests()
    {
        _library = _temp.Combine("library");
        _catalogFolder = _temp.Combine("catalog");
        _db = Path.Combine(_catalogFolder, "catalog.db");
        var png = TestImages.Png(96, 64, seed: 1);
        _temp.Write("library/a.png", png);
        _temp.Write("library/copy-of-a.png", png);
        _temp.Write("library/b.jpg", TestImages.Jpeg(120, 80, seed: 2));
        _temp.Write("library/c.png", TestImages.Png(64, 64, seed: 3));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ReadCommands_CatalogThisUserCannotWrite_AnswerSayItOnceAndWriteNothing()
    {
        await IndexAsRootAsync();
        var before = Listing(_catalogFolder);

        (string Name, string[] Args)[] commands =
        [
            ("stats", ["stats", "--json"]),
            ("search", ["search", "red", "--json"]),
            ("export", ["export", "--format", "jsonl"]),
            ("dupes", ["dupes", "--json"]),
            ("errors", ["errors"]),
            ("facets", ["facets"]),
        ];
        foreach (var (name, args) in commands)
        {
            var result = await DfdProcess.RunAsNobodyAsync([.. args, "--db", _db]);

            Assert.True(result.ExitCode == 0, $"{name}: {result}");
            Assert.True(CountLines(result.Stderr, ReadOnlyNotice) == 1, $"{name} must say once that the catalog is read-only: {result}");
            Assert.Equal(before, Listing(_catalogFolder));
        }

        Assert.Equal(0, StoredDuplicateRuns());
    }

    [Fact]
    public async Task Serve_CatalogThisUserCannotWrite_AnswersAndWritesNothing()
    {
        await IndexAsRootAsync();
        var before = Listing(_catalogFolder);

        using var child = DfdProcess.StartAsNobody("serve", "--db", _db, "--port", "0");
        var said = new List<string>();
        string? address = null;
        while (address is null && await child.StandardError.ReadLineAsync() is { } line)
        {
            said.Add(line);
            if (line.StartsWith("dfd: serving ", StringComparison.Ordinal))
            {
                address = line[(line.IndexOf("open ", StringComparison.Ordinal) + 5)..].Split(' ')[0];
            }
        }

        Assert.True(address is not null, string.Join('\n', said));
        using (var client = new HttpClient { BaseAddress = new Uri(address) })
        {
            var stats = await client.GetStringAsync("/api/stats");
            var dupes = await client.GetAsync(new Uri("/api/dupes", UriKind.Relative));
            Assert.Contains("\"images\":3", stats, StringComparison.Ordinal);
            Assert.True(dupes.IsSuccessStatusCode, $"{dupes.StatusCode}: {await dupes.Content.ReadAsStringAsync()}");
        }

        await SignalAsync(child, "INT");
        said.AddRange((await child.StandardError.ReadToEndAsync()).Split('\n'));
        await child.WaitForExitAsync();

        Assert.True(CountLines(string.Join('\n', said), ReadOnlyNotice) == 1, string.Join('\n', said));
        Assert.Equal(before, Listing(_catalogFolder));
        Assert.Equal(0, StoredDuplicateRuns());
    }

    [Fact]
    public async Task Index_CatalogFileThisUserCannotWrite_RefusedBeforeTheLockIsCreated()
    {
        await IndexAsRootAsync();
        // The folder is open to everyone (a lock file could be made there); the catalog file is root's.
        File.SetUnixFileMode(_catalogFolder, (UnixFileMode)0b111_111_111);
        var before = Listing(_catalogFolder);

        var result = await DfdProcess.RunAsNobodyAsync("index", _library, "--db", _db, "--no-embed");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
        Assert.Contains("read-only for this user", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Listing(_catalogFolder));
    }

    [Fact]
    public async Task Index_ForeignSqliteFile_RefusedAndItsFolderLeftByteIdentical()
    {
        var foreign = _temp.Combine("other-app", "notes.db");
        Directory.CreateDirectory(Path.GetDirectoryName(foreign)!);
        using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me');";
            command.ExecuteNonQuery();
        }

        var before = Listing(Path.GetDirectoryName(foreign)!);

        var result = await DfdProcess.RunAsync("index", _library, "--db", foreign, "--no-embed");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
        Assert.Contains("another program", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Listing(Path.GetDirectoryName(foreign)!));
    }

    /// <summary>Indexes the library as root; the catalog folder is then root's and not writable by others (0755, file 0644).</summary>
    private async Task IndexAsRootAsync()
    {
        var indexed = await DfdProcess.RunAsync("index", _library, "--db", _db, "--no-embed");
        Assert.True(indexed.ExitCode == 0, indexed.ToString());
        File.SetUnixFileMode(_catalogFolder, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(_db, (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(_temp.Path, (UnixFileMode)0b111_101_101);
    }

    /// <summary>Every file under <paramref name="folder"/> with a hash of its bytes: a file added, removed or changed shows.</summary>
    private static Dictionary<string, string> Listing(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static int CountLines(string text, string fragment) =>
        text.Split('\n').Count(l => l.Contains(fragment, StringComparison.Ordinal));

    private long StoredDuplicateRuns() => Catalogs.ScalarReadOnly(_db, "SELECT count(*) FROM duplicate_runs");

    private static async Task SignalAsync(Process child, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }
}
