using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Core.Grids;
using DrawingFromDiffusion.Tests.Shared;
using SkiaSharp;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>`dfd grid` on real PNGs carrying A1111 parameters, indexed by the real dfd (tiny CLIP pack for adherence).</summary>
public sealed class GridCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly Dictionary<string, string> _environment;

    public GridCommandTests()
    {
        _environment = new Dictionary<string, string> { ["DFD_MODELS"] = _temp.Combine("models") };
        var picture = 0;
        void Write(string name, string prompt, long seed, double cfg, string? lora = null, string model = "dreamshaper") =>
            _temp.Write($"library/{name}.png", InfotextPng.Create(64, 48, ++picture, InfotextPng.Infotext(prompt, seed, cfg, model, lora)));
        Write("s1", "a lighthouse at dusk, ink", 1, 7);
        Write("s2", "A lighthouse at  dusk, ink", 2, 7);
        Write("s3", "a lighthouse at dusk, ink", 3, 7);
        Write("c5s1", "a lighthouse at dusk, ink", 1, 5);
        Write("c5s2", "a lighthouse at dusk, ink", 2, 5);
        Write("lora", "a lighthouse at dusk, ink", 1, 7, lora: "inkstyle");
        Write("other", "a fox in snow", 9, 7);
    }

    private string Db => _temp.Combine("catalog.db");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Grid_VarySeed_OneRowPerCfgSeedsInOrder_HtmlAndPngWritten()
    {
        await IndexAsync("--no-embed");
        var output = _temp.Combine("out");

        var grid = await GridAsync("--vary", "seed", "--prompt-group", "lighthouse", "--out", output);

        Assert.Equal(["1", "2", "3"], grid.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var rows = grid.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["CFG 5", "CFG 7"], rows.Select(r => r.GetProperty("label").GetString()));
        Assert.Equal([["1", "2"], ["1", "2", "3"]], rows.Select(r => r.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("column").GetString()).ToArray()));
        var files = Catalogs.Files(Db);
        Assert.Equal(files[_temp.Combine("library", "c5s2.png")], rows[0].GetProperty("cells")[1].GetProperty("image_id").GetInt64());
        var html = await File.ReadAllTextAsync(Path.Combine(output, "grid.html"));
        Assert.Equal(5, html.Split("data:image/webp;base64,").Length - 1);
        Assert.Contains(new Uri(_temp.Combine("library", "s3.png")).AbsoluteUri, html);
        using var png = SKBitmap.Decode(Path.Combine(output, "grid.png"));
        Assert.NotNull(png);
        Assert.True(png.Width > 3 * 192 && png.Height > 2 * 192, $"{png.Width}x{png.Height}");
    }

    [Fact]
    public async Task Grid_VaryLora_WithTextTower_NoLoraFirstAndAdherencePerCell()
    {
        var add = await DfdProcess.RunWithAsync(_environment, "models", "add", Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-clip"));
        Assert.True(add.ExitCode == 0, add.ToString());
        await IndexAsync("--model", "tiny-clip");

        var grid = await GridAsync("--vary", "lora", "--prompt-group", "LIGHTHOUSE at dusk", "--pack", "tiny-clip", "--out", _temp.Combine("lora"));

        Assert.Equal(["no LoRA", "inkstyle:0.8"], grid.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var cells = grid.GetProperty("rows").EnumerateArray().Single().GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(2, cells.Count);
        Assert.All(cells, c => Assert.InRange(c.GetProperty("adherence").GetDouble(), -1, 1));
        Assert.Equal("tiny-clip", grid.GetProperty("adherence_model").GetString());
    }

    [Fact]
    public async Task Grid_NoGroupGiven_ListsOnlyPromptsWithVariation()
    {
        await IndexAsync("--no-embed");

        var list = await GridAsync("--vary", "cfg");

        var group = Assert.Single(list.GetProperty("groups").EnumerateArray());
        Assert.Equal(["5", "7"], group.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(4, group.GetProperty("images").GetInt32());
    }

    [Theory]
    [InlineData("a <lora:ink:0.6> Lighthouse,  at dusk, ,", "a lighthouse, at dusk")]
    [InlineData("ink portrait <lyco:x:1>", "ink portrait")]
    public void Normalise_LoraTagsCaseAndSpacing_Removed(string prompt, string expected)
    {
        Assert.Equal(expected, PromptGrids.Normalise(prompt));
    }

    private async Task IndexAsync(params string[] extra)
    {
        var result = await DfdProcess.RunWithAsync(_environment, ["index", _temp.Combine("library"), "--db", Db, "--device", "cpu", .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private async Task<JsonElement> GridAsync(params string[] args)
    {
        var result = await DfdProcess.RunWithAsync(_environment, ["grid", "--db", Db, "--device", "cpu", "--json", .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }
}
