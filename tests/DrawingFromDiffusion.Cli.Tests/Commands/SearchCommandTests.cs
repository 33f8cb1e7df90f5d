using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>`dfd search`, `dfd similar` and `dfd adherence` end to end (the real dfd process) on hand-built catalogs and the tiny CLIP pack.</summary>
public sealed class SearchCommandTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-search-").FullName;
    private Dictionary<string, string> _env = [];
    private float[] _fox = [];

    public async Task InitializeAsync()
    {
        var models = Path.Combine(_folder, "models");
        var store = new ModelStore(models, bundledRoot: "/nonexistent");
        var pack = await store.AddAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-clip"), null, false, CancellationToken.None);
        using var text = new OnnxTextEmbedder(pack, new OnnxSessionFactory(new DeviceOptions("cpu")));
        _fox = text.Embed("fox");
        _env = new Dictionary<string, string> { ["DFD_MODELS"] = models };
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Search_Int8TextTowerMissing_SaysHowToMakeOneAndFails()
    {
        var db = Build(out _);

        var result = await DfdProcess.RunWithAsync(_env, "search", "fox", "--db", db, "--mode", "clip", "--text-precision", "int8", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no int8 text tower", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("quantize_int8.py", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_StderrPipedAndForced_ShowsTheVectorIndexOpening()
    {
        var db = Build(out _);
        var env = new Dictionary<string, string>(_env) { [DrawingFromDiffusion.Cli.Output.ProgressRenderer.EveryVariable] = "0" };

        var result = await DfdProcess.RunWithAsync(env, "search", "fox", "--db", db, "--mode", "clip", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"dfd: vector index: adding (\d+)/\1 vectors", result.Stderr);
        Assert.DoesNotContain("vector index", (await DfdProcess.RunWithAsync(_env, "search", "fox", "--db", Build(out _), "--mode", "clip", "--json")).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Hybrid_FusesClipAndPromptRanksByRrf()
    {
        var db = Build(out var ids);

        var result = await DfdProcess.RunWithAsync(_env, "search", "fox", "--db", db, "--cutoff", "none", "-k", "4", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("hybrid", json.GetProperty("mode").GetString());
        Assert.Equal("tiny-clip", json.GetProperty("model").GetString());
        var results = json.GetProperty("results").EnumerateArray().ToList();
        // CLIP ranks A, B, C, D; BM25 ranks B ("red fox", shorter), then C: RRF gives B, C, A, D.
        Assert.Equal([ids["B"], ids["C"], ids["A"], ids["D"]], results.Select(r => r.GetProperty("image_id").GetInt64()));
        Assert.Equal(1, results[0].GetProperty("prompt_rank").GetInt32());
        Assert.Equal(2, results[0].GetProperty("clip_rank").GetInt32());
        Assert.Contains("CLIP similarity", results[0].GetProperty("why").GetString(), StringComparison.Ordinal);
        Assert.Contains("prompt match rank 1", results[0].GetProperty("why").GetString(), StringComparison.Ordinal);
        foreach (var property in new[] { "path", "score", "similarity", "generator", "model", "prompt", "width", "height" })
        {
            Assert.True(results[0].TryGetProperty(property, out _), property);
        }
    }

    [Fact]
    public async Task Search_FilterSelectsFarthestImages_StillReturnsK()
    {
        var db = Build(out _);

        var result = await DfdProcess.RunWithAsync(_env, "search", "fox", "--mode", "clip", "--generator", "invokeai", "--db", db, "--cutoff", "none", "-k", "5", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var results = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(5, results.Count);
        Assert.All(results, r => Assert.Equal("invokeai", r.GetProperty("generator").GetString()));
    }

    [Fact]
    public async Task Search_CutoffValueAndAuto_DropWeakMatches()
    {
        var db = Build(out var ids);

        var fixedCut = await DfdProcess.RunWithAsync(_env, "search", "fox", "--mode", "clip", "--db", db, "--cutoff", "0.7", "--json");
        var auto = await DfdProcess.RunWithAsync(_env, "search", "fox", "--mode", "clip", "--db", db, "--json");

        Assert.True(fixedCut.ExitCode == 0, fixedCut.ToString());
        var kept = JsonDocument.Parse(fixedCut.Stdout).RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("image_id").GetInt64());
        Assert.Equal([ids["A"], ids["B"]], kept);
        var autoJson = JsonDocument.Parse(auto.Stdout).RootElement;
        Assert.Equal("auto", autoJson.GetProperty("cutoff").GetString());
        Assert.True(autoJson.GetProperty("cut").GetInt32() > 0, auto.Stdout);
        Assert.Contains(ids["A"], autoJson.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("image_id").GetInt64()));
    }

    [Fact]
    public async Task Similar_ById_LeavesTheQueryImageOut()
    {
        var db = Build(out var ids);

        var result = await DfdProcess.RunWithAsync(_env, "similar", ids["A"].ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", db, "-k", "3", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("similar", json.GetProperty("mode").GetString());
        var results = json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("image_id").GetInt64()).ToList();
        Assert.DoesNotContain(ids["A"], results);
        Assert.Equal([ids["B"], ids["C"], ids["D"]], results);
    }

    [Fact]
    public async Task Similar_Html_WritesOfflineContactSheet()
    {
        var db = Build(out var ids);
        var html = Path.Combine(_folder, "sheet.html");

        var result = await DfdProcess.RunWithAsync(_env, "similar", ids["A"].ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", db, "-k", "2", "--html", html);

        Assert.True(result.ExitCode == 0, result.ToString());
        var page = await File.ReadAllTextAsync(html);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("/lib/002.png", page, StringComparison.Ordinal);
        Assert.Contains("CLIP similarity", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NoTextTower_SaysPromptOnlyAndWhy()
    {
        var db = Build(out var ids);
        var empty = new Dictionary<string, string> { ["DFD_MODELS"] = Path.Combine(_folder, "no-models") };

        var result = await DfdProcess.RunWithAsync(empty, "search", "fox", "--db", db, "--pack", "resnet18-imagenet");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("mode prompt", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("searching prompts only", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("dfd models pull", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("/lib/", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adherence_StoredThenSortable()
    {
        var db = Build(out _);

        var adherence = await DfdProcess.RunWithAsync(_env, "adherence", "--db", db, "--json");
        var sorted = await DfdProcess.RunWithAsync(_env, "search", "fox", "--mode", "clip", "--cutoff", "none", "--sort", "adherence", "-k", "20", "--db", db, "--json");

        Assert.True(adherence.ExitCode == 0, adherence.ToString());
        var scored = JsonDocument.Parse(adherence.Stdout).RootElement.GetProperty("scored").GetInt32();
        Assert.Equal(Catalogs.Scalar(db, "SELECT count(*) FROM generation WHERE prompt IS NOT NULL"), scored);
        Assert.Equal(scored, Catalogs.Scalar(db, "SELECT count(*) FROM adherence"));
        var values = JsonDocument.Parse(sorted.Stdout).RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.TryGetProperty("adherence", out _)).Select(r => r.GetProperty("adherence").GetDouble()).ToList();
        Assert.Equal(scored, values.Count);
        Assert.Equal(values.Order().ToList(), values);
    }

    /// <summary>
    /// A, B, C, D at cosine 1, 0.9, 0.6, 0.2 to the tiny pack's "fox" (comfyui; B's prompt "red fox", C's a longer one with fox),
    /// then 10 far images, 6 of them invokeai.
    /// </summary>
    private string Build(out Dictionary<string, long> ids)
    {
        var db = Path.Combine(_folder, $"catalog-{Guid.NewGuid():N}.db");
        var builder = new SearchCatalogBuilder(db, "tiny-clip");
        var random = new Random(7);
        ids = new Dictionary<string, long>
        {
            ["A"] = builder.Add(Mix(1.0f, random), "a watercolor painting of a castle"),
            ["B"] = builder.Add(Mix(0.9f, random), "red fox"),
            ["C"] = builder.Add(Mix(0.6f, random), "a fox in a big green forest with tall old trees and moss"),
            ["D"] = builder.Add(Mix(0.2f, random), "a portrait of a knight"),
        };
        for (var i = 0; i < 10; i++)
        {
            builder.Add(Mix(-0.1f - (0.05f * i), random), $"landscape number {i}", i < 6 ? "invokeai" : "comfyui");
        }

        return db;
    }

    private float[] Mix(float cosine, Random random) => SearchCatalogBuilder.AtCosine(_fox, cosine, random);
}
