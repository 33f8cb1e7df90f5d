using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>`dfd tag --auto` end to end with the tiny WD14-signature tagger, then `dfd search --tag` over a second pack's vectors.</summary>
public sealed class TagCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly Dictionary<string, string> _environment;

    public TagCommandTests()
    {
        _environment = new Dictionary<string, string> { ["DFD_MODELS"] = _temp.Combine("models") };
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TagAuto_TinyTagger_StoresTagsOnceAndSearchFindsThem()
    {
        var library = _temp.Combine("library");
        Directory.CreateDirectory(library);
        foreach (var png in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Originals"), "*.png").Order().Take(5))
        {
            File.Copy(png, Path.Combine(library, Path.GetFileName(png)));
        }

        var db = _temp.Combine("catalog.db");
        await Run("models", "add", Path.Combine(AppContext.BaseDirectory, "TestData", "Families", "tiny-wd14-tagger"));
        await Run("models", "add", Path.Combine(AppContext.BaseDirectory, "TestData", "Families", "tiny-siglip"));
        await Run("index", library, "--db", db, "--model", "tiny-siglip", "--device", "cpu");

        var first = Json(await Run("tag", "--auto", "--db", db, "--character-threshold", "0.5", "--json"));
        var again = Json(await Run("tag", "--auto", "--db", db, "--json"));

        Assert.Equal(("tiny-wd14-tagger", 5, 0), (first.GetProperty("model").GetString(), first.GetProperty("tagged").GetInt32(), first.GetProperty("failed").GetInt32()));
        Assert.Equal(0, again.GetProperty("tagged").GetInt32());
        var rows = Rows(db, "SELECT image_id, name, category, score FROM image_tags");
        Assert.Equal(5, rows.Count(r => r.Category == "rating"));
        Assert.All(rows.Where(r => r.Category == "general"), r => Assert.True(r.Score >= 0.35));
        Assert.All(rows.Where(r => r.Category == "character"), r => Assert.True(r.Score >= 0.5));
        var tag = rows.Where(r => r.Category == "general").GroupBy(r => r.Name).OrderBy(g => g.Count()).ThenBy(g => g.Key).First();

        var search = Json(await Run("search", "drawing", "--tag", tag.Key, "--mode", "clip", "--pack", "tiny-siglip", "--db", db, "--cutoff", "none", "-k", "10", "--json"));

        var found = search.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("image_id").GetInt64()).Order();
        Assert.Equal(tag.Select(r => r.ImageId).Order(), found);
    }

    [Fact]
    public async Task SearchTagAlone_PromptlessImages_ListsExactlyTheImagesThatCarryTheTag()
    {
        var (db, rows) = await TaggedLibraryAsync();
        var tag = rows.Where(r => r.Category == "general").GroupBy(r => r.Name).OrderBy(g => g.Count()).ThenBy(g => g.Key).First();

        var search = Json(await Run("search", "--tag", tag.Key, "--db", db, "--json"));
        var other = Json(await Run("search", "--tag", "no_such_tag", "--db", db, "--json"));

        Assert.Equal(0, Rows(db, "SELECT count(*), '', '', 0 FROM generation").Single().ImageId);
        var found = search.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("image_id").GetInt64()).Order().ToList();
        Assert.Equal(tag.Select(r => r.ImageId).Order(), found);
        Assert.InRange(found.Count, 1, 4);
        Assert.Equal(0, other.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Clusters_PromptlessTaggedImages_LabelledByTheirTagsThenAPathWord()
    {
        var (db, rows) = await TaggedLibraryAsync();

        var json = Json(await Run("clusters", "--db", db, "--pack", "tiny-siglip", "--k", "2", "--json"));
        var table = (await Run("clusters", "--db", db, "--pack", "tiny-siglip", "--k", "2")).Stdout;

        var clusters = json.GetProperty("clusters").EnumerateArray().ToList();
        var tagged = rows.Where(r => r.Category != "rating").Select(r => r.Name).ToHashSet();
        Assert.Contains(clusters, c => c.GetProperty("tags").GetArrayLength() > 0);
        foreach (var cluster in clusters.Where(c => c.GetProperty("tags").GetArrayLength() > 0))
        {
            var tags = cluster.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();
            Assert.Empty(cluster.GetProperty("words").EnumerateArray());
            Assert.All(tags, t => Assert.Contains(t, tagged));
            var line = table.Split('\n').Single(l => l.StartsWith($"cluster {cluster.GetProperty("cluster").GetInt32()}:", StringComparison.Ordinal));
            Assert.Contains(string.Join(", ", tags.Take(3)), line, StringComparison.Ordinal);
        }
    }

    private async Task<(string Db, List<(long ImageId, string Name, string Category, double Score)> Rows)> TaggedLibraryAsync()
    {
        var library = _temp.Combine("library");
        Directory.CreateDirectory(library);
        foreach (var png in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Originals"), "*.png").Order().Take(5))
        {
            File.Copy(png, Path.Combine(library, Path.GetFileName(png)));
        }

        var db = _temp.Combine("catalog.db");
        await Run("models", "add", Path.Combine(AppContext.BaseDirectory, "TestData", "Families", "tiny-wd14-tagger"));
        await Run("models", "add", Path.Combine(AppContext.BaseDirectory, "TestData", "Families", "tiny-siglip"));
        await Run("index", library, "--db", db, "--model", "tiny-siglip", "--device", "cpu");
        await Run("tag", "--auto", "--db", db, "--json");
        return (db, Rows(db, "SELECT image_id, name, category, score FROM image_tags"));
    }

    private static JsonElement Json(DfdResult result) => JsonDocument.Parse(result.Stdout).RootElement.Clone();

    private static List<(long ImageId, string Name, string Category, double Score)> Rows(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string, string, double)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3)));
        }

        return rows;
    }

    private async Task<DfdResult> Run(params string[] args)
    {
        var result = await DfdProcess.RunWithAsync(_environment, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
