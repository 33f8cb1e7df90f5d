using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>
/// Each tiny SentencePiece-family pack end to end through the real dfd process: `models add` of the Immich-layout
/// folder as it is, `models verify`, `index --model`, then text search in Latin, Cyrillic, CJK and Arabic scripts.
/// </summary>
public sealed class FamilyPackSearchTests : IDisposable
{
    private static readonly string[] _queries = ["a watercolor fox at dusk", "лиса в сумерках", "黄昏时的狐狸", "ثعلب عند الغسق"];
    private readonly TempFolder _temp = new();
    private readonly Dictionary<string, string> _environment;

    public FamilyPackSearchTests()
    {
        _environment = new Dictionary<string, string> { ["DFD_MODELS"] = _temp.Combine("models") };
    }

    public static TheoryData<string> Packs() => ["tiny-siglip", "tiny-siglip2", "tiny-nllb-siglip", "tiny-xlmr-clip"];

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Packs))]
    public async Task Search_ImportedImmichFolder_RanksImagesForQueriesInFourScripts(string pack)
    {
        var library = _temp.Combine("library");
        Directory.CreateDirectory(library);
        foreach (var png in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Originals"), "*.png").Order().Take(4))
        {
            File.Copy(png, Path.Combine(library, Path.GetFileName(png)));
        }

        var db = _temp.Combine("catalog.db");
        await Run("models", "add", Path.Combine(AppContext.BaseDirectory, "TestData", "Families", pack));
        var verify = await Run("models", "verify", pack);
        var index = JsonDocument.Parse((await Run("index", library, "--db", db, "--model", pack, "--device", "cpu", "--json")).Stdout).RootElement;

        Assert.Contains("ok", verify.Stdout, StringComparison.Ordinal);
        Assert.Equal(4, index.GetProperty("embedding").GetProperty("embedded").GetInt32());
        foreach (var query in _queries)
        {
            var result = await Run("search", query, "--db", db, "--pack", pack, "--mode", "clip", "--cutoff", "none", "-k", "3", "--json");
            var json = JsonDocument.Parse(result.Stdout).RootElement;

            Assert.Equal((pack, "clip"), (json.GetProperty("model").GetString(), json.GetProperty("mode").GetString()));
            var scores = json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("similarity").GetDouble()).ToList();
            Assert.Equal(3, scores.Count);
            Assert.Equal(scores.OrderDescending(), scores);
        }
    }

    [Fact]
    public async Task Index_SecondPack_AddedWithoutRescanAndEachCommandUsesThePackAsked()
    {
        var library = _temp.Combine("library");
        Directory.CreateDirectory(library);
        foreach (var png in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Originals"), "*.png").Order().Take(6))
        {
            File.Copy(png, Path.Combine(library, Path.GetFileName(png)));
        }

        var db = _temp.Combine("catalog.db");
        foreach (var pack in new[] { "tiny-siglip", "tiny-nllb-siglip" })
        {
            await Run("models", "add", Path.Combine(AppContext.BaseDirectory, "TestData", "Families", pack));
        }

        await Run("index", library, "--db", db, "--model", "tiny-siglip", "--device", "cpu", "--json");
        var second = JsonDocument.Parse((await Run("index", library, "--db", db, "--model", "tiny-nllb-siglip", "--device", "cpu", "--json")).Stdout).RootElement;

        Assert.Equal((0, 6, 6), (second.GetProperty("added").GetInt32(), second.GetProperty("unchanged").GetInt32(), second.GetProperty("embedding").GetProperty("embedded").GetInt32()));
        foreach (var pack in new[] { "tiny-siglip", "tiny-nllb-siglip" })
        {
            var search = JsonDocument.Parse((await Run("search", "fox", "--db", db, "--pack", pack, "--mode", "clip", "--json")).Stdout).RootElement;
            var similar = JsonDocument.Parse((await Run("similar", Path.Combine(library, "000.png"), "--db", db, "--pack", pack, "--json")).Stdout).RootElement;
            var dupes = JsonDocument.Parse((await Run("dupes", "--db", db, "--pack", pack, "--json")).Stdout).RootElement;
            var clusters = JsonDocument.Parse((await Run("clusters", "--db", db, "--pack", pack, "--k", "2", "--json")).Stdout).RootElement;

            Assert.Equal(pack, search.GetProperty("model").GetString());
            Assert.Equal(pack, similar.GetProperty("model").GetString());
            Assert.Equal(pack, dupes.GetProperty("visual").GetProperty("neighbours").GetProperty("model").GetString());
            Assert.Equal(pack, clusters.GetProperty("model_id").GetString());
        }
    }

    private async Task<DfdResult> Run(params string[] args)
    {
        var result = await DfdProcess.RunWithAsync(_environment, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
