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

    private async Task<DfdResult> Run(params string[] args)
    {
        var result = await DfdProcess.RunWithAsync(_environment, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
