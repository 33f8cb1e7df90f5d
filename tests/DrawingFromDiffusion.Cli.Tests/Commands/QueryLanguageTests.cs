using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>
/// `dfd search --language` on the tiny NLLB-SigLIP pack: the code reaches the text tower (the similarities are those
/// of the PyTorch reference vector for that language), and a code the pack or NLLB-200 lacks fails the command line.
/// </summary>
public sealed class QueryLanguageTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly Dictionary<string, string> _environment;

    public QueryLanguageTests()
    {
        _environment = new Dictionary<string, string> { ["DFD_MODELS"] = _temp.Combine("models") };
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("a watercolor fox at dusk", "eng_Latn")]
    [InlineData("лиса в сумерках, акварель", "rus_Cyrl")]
    [InlineData("黄昏时的狐狸", "zho_Hans")]
    [InlineData("ثعلب عند الغسق في الغابة", "arb_Arab")]
    public async Task Search_NllbWithLanguage_SimilaritiesOfTheReferenceVectorForThatLanguage(string query, string language)
    {
        var (db, library) = await IndexAsync();
        var reference = Normalized(Golden(query, language));
        var pack = await new ModelStore(_temp.Combine("models"), bundledRoot: "/nonexistent").AddAsync(Families("tiny-nllb-siglip"), "expected", replace: false, CancellationToken.None);
        using var images = new OnnxImageEmbedder(pack, new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 1)));

        var result = await Run("search", query, "--language", language, "--db", db, "--pack", "tiny-nllb-siglip", "--mode", "clip", "--cutoff", "none", "--json");

        var rows = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        foreach (var row in rows)
        {
            await using var file = File.OpenRead(row.GetProperty("path").GetString()!);
            var expected = images.Embed([images.Prepare(file, long.MaxValue)])[0].Zip(reference, (a, b) => (double)a * b).Sum();
            // The catalog stores vectors as float16: about 1e-4 of cosine; another language moves it by far more.
            var actual = row.GetProperty("similarity").GetDouble();
            Assert.True(Math.Abs(expected - actual) <= 5e-4, $"{row.GetProperty("path")}: expected {expected}, got {actual}");
        }

        Assert.StartsWith(library, rows[0].GetProperty("path").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsTokenize_NllbWithLanguage_ReferenceIdsForEveryGoldenQuery()
    {
        await Run("models", "add", Families("tiny-nllb-siglip"));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Families("tiny-nllb-siglip"), "goldens.json")));

        foreach (var golden in doc.RootElement.GetProperty("texts").EnumerateArray())
        {
            var text = golden.GetProperty("text").GetString()!;
            var language = golden.GetProperty("language").GetString()!;
            if (text.Length == 0)
            {
                continue; // the command takes at least one word
            }

            var result = await Run("models", "tokenize", "--model", "tiny-nllb-siglip", "--language", language, "--json", "--", text);
            var ids = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32());

            Assert.Equal(golden.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()), ids);
        }

        var wrong = await DfdProcess.RunWithAsync(_environment, "models", "tokenize", "--model", "tiny-nllb-siglip", "--language", "deu_Latn", "--", "fox");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("takes arb_Arab, eng_Latn", wrong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NllbWithoutLanguage_UsesThePackDefaultEnglish()
    {
        var (db, _) = await IndexAsync();

        var plain = await Run("search", "fox", "--db", db, "--pack", "tiny-nllb-siglip", "--mode", "clip", "--cutoff", "none", "--json");
        var english = await Run("search", "fox", "--language", "eng_Latn", "--db", db, "--pack", "tiny-nllb-siglip", "--mode", "clip", "--cutoff", "none", "--json");
        var russian = await Run("search", "fox", "--language", "rus_Cyrl", "--db", db, "--pack", "tiny-nllb-siglip", "--mode", "clip", "--cutoff", "none", "--json");

        Assert.Equal(Similarities(english), Similarities(plain));
        Assert.NotEqual(Similarities(english), Similarities(russian));
    }

    [Fact]
    public async Task Search_CodeOutsideNllb200_FailsTheParseListingTheCodes()
    {
        var result = await DfdProcess.RunWithAsync(_environment, "search", "fox", "--language", "english", "--db", _temp.Combine("none.db"));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--language takes an NLLB-200 language code: ace_Arab,", line, StringComparison.Ordinal);
        Assert.Contains("rus_Cyrl", line, StringComparison.Ordinal);
        Assert.Contains("got 'english'", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tiny-nllb-siglip", "deu_Latn", "takes arb_Arab, eng_Latn, fra_Latn, jpn_Jpan, kor_Hang, rus_Cyrl, zho_Hans; got 'deu_Latn'")]
    [InlineData("tiny-siglip", "rus_Cyrl", "takes no language code")]
    public async Task Search_CodeThePackLacks_ExitsTwoWithThePackCodes(string pack, string language, string expected)
    {
        var (db, _) = await IndexAsync(pack);

        var result = await DfdProcess.RunWithAsync(_environment, "search", "fox", "--language", language, "--db", db, "--pack", pack);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    private async Task<(string Db, string Library)> IndexAsync(string pack = "tiny-nllb-siglip")
    {
        var library = _temp.Combine("library");
        Directory.CreateDirectory(library);
        foreach (var png in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Originals"), "*.png").Order().Take(4))
        {
            File.Copy(png, Path.Combine(library, Path.GetFileName(png)));
        }

        var db = _temp.Combine("catalog.db");
        await Run("models", "add", Families(pack));
        await Run("index", library, "--db", db, "--model", pack, "--device", "cpu", "--json");
        return (db, library);
    }

    private static string Families(string pack) => Path.Combine(AppContext.BaseDirectory, "TestData", "Families", pack);

    private static float[] Golden(string text, string language)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Families("tiny-nllb-siglip"), "goldens.json")));
        var entry = doc.RootElement.GetProperty("texts").EnumerateArray()
            .Single(t => t.GetProperty("text").GetString() == text && t.GetProperty("language").GetString() == language);
        return entry.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
    }

    private static float[] Normalized(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static List<double> Similarities(DfdResult result) =>
        JsonDocument.Parse(result.Stdout).RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("similarity").GetDouble()).ToList();

    private async Task<DfdResult> Run(params string[] args)
    {
        var result = await DfdProcess.RunWithAsync(_environment, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
