using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;

namespace DrawingFromDiffusion.Cli.Tests.PostgreSql;

/// <summary>The same folder indexed into SQLite and into PostgreSQL answers the same CLI queries the same way.</summary>
[Collection(PgCollection.Name)]
public sealed class CrossBackendTests(PgServerFixture fixture) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private Dictionary<string, string> Environment => new() { ["DFD_MODELS"] = _temp.Combine("models") };

    private string Library => _temp.Combine("library");

    private void CopyOriginals(int count)
    {
        Directory.CreateDirectory(Library);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Originals"), "*.png").Order().Take(count))
        {
            File.Copy(file, Path.Combine(Library, Path.GetFileName(file)));
        }
    }

    [Fact]
    public async Task IndexAndSimilar_SqliteAndPostgres_SameNeighboursSameOrder()
    {
        CopyOriginals(16);
        var url = await fixture.Server.CreateDatabaseAsync();
        var sqlite = _temp.Combine("catalog.db");
        foreach (var db in new[] { sqlite, url })
        {
            var index = await DfdProcess.RunWithAsync(Environment, "index", Library, "--db", db, "--model", "resnet18-imagenet", "--device", "cpu", "--json");
            Assert.True(index.ExitCode == 0, index.ToString());
            Assert.Equal(16, JsonDocument.Parse(index.Stdout).RootElement.GetProperty("added").GetInt32());
        }

        Assert.Equal(16, await fixture.Server.ScalarAsync(url, "SELECT count(*) FROM embeddings WHERE half IS NOT NULL"));
        foreach (var query in Directory.GetFiles(Library).Order().Take(3))
        {
            // By catalog id (ids differ between the catalogs: each is looked up by path).
            var sqliteId = Catalogs.Scalar(sqlite, $"SELECT image_id FROM files WHERE path = '{query}'");
            var postgresId = await fixture.Server.ScalarAsync(url, $"SELECT image_id FROM files WHERE path = '{query}'");
            var onSqlite = await SimilarAsync(sqlite, sqliteId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var onPostgres = await SimilarAsync(url, postgresId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(5, onSqlite.Count);
            Assert.Equal(onSqlite.Select(r => r.Path), onPostgres.Select(r => r.Path));
            foreach (var (a, b) in onSqlite.Zip(onPostgres))
            {
                Assert.InRange(b.Score - a.Score, -2e-3, 2e-3);
            }
        }
    }

    [Fact]
    public async Task Search_FiltersOnly_SqliteAndPostgres_SameImages()
    {
        CopyOriginals(6);
        var url = await fixture.Server.CreateDatabaseAsync();
        var sqlite = _temp.Combine("catalog.db");
        var found = new List<string[]>();
        foreach (var db in new[] { sqlite, url })
        {
            var index = await DfdProcess.RunWithAsync(Environment, "index", Library, "--db", db, "--no-embed");
            Assert.True(index.ExitCode == 0, index.ToString());
            var search = await DfdProcess.RunWithAsync(Environment, "search", "--db", db, "--mode", "prompt", "--folder", Library, "--json", "-n", "50");
            Assert.True(search.ExitCode == 0, search.ToString());
            found.Add(Results(search.Stdout).Select(r => r.Path).Order().ToArray());
        }

        Assert.Equal(6, found[0].Length);
        Assert.Equal(found[0], found[1]);
    }

    [Fact]
    public async Task Index_TwoAtOnceOnOnePostgresCatalog_BothSucceedEachFileOnce()
    {
        CopyOriginals(12);
        var url = await fixture.Server.CreateDatabaseAsync();
        var first = DfdProcess.RunWithAsync(Environment, "index", Library, "--db", url, "--no-embed");
        var second = DfdProcess.RunWithAsync(Environment, "index", Library, "--db", url, "--no-embed");
        var results = await Task.WhenAll(first, second);
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(12, await fixture.Server.ScalarAsync(url, "SELECT count(*) FROM files"));
        Assert.Equal(12, await fixture.Server.ScalarAsync(url, "SELECT count(DISTINCT image_id) FROM files"));
        Assert.Equal(12, await fixture.Server.ScalarAsync(url, "SELECT count(*) FROM images"));
    }

    private async Task<List<(string Path, double Score)>> SimilarAsync(string db, string query)
    {
        var run = await DfdProcess.RunWithAsync(Environment, "similar", query, "--db", db, "--device", "cpu", "--json", "-n", "5");
        Assert.True(run.ExitCode == 0, run.ToString());
        return Results(run.Stdout);
    }

    private static List<(string Path, double Score)> Results(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("path").GetString()!, r.GetProperty("score").GetDouble())).ToList();
}
