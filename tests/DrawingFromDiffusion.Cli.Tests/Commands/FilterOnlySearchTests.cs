using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Tests.Shared;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>`dfd search` with filters and no words lists every matching image, prompt-less ones too, newest first.</summary>
public sealed class FilterOnlySearchTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _db;
    private readonly string _wanted;

    public FilterOnlySearchTests()
    {
        _db = _temp.Combine("catalog.db");
        _wanted = _temp.Combine("library", "wanted");
        // Plain PNGs and JPEGs: no generation metadata, so no prompt to search.
        Touch(_temp.Write("library/wanted/old.png", TestImages.Png(40, 30, seed: 1)), days: 1);
        Touch(_temp.Write("library/wanted/new.jpg", TestImages.Jpeg(40, 30, seed: 2)), days: 30);
        Touch(_temp.Write("library/wanted/middle.png", TestImages.Png(40, 30, seed: 3)), days: 10);
        Touch(_temp.Write("library/other/elsewhere.png", TestImages.Png(40, 30, seed: 4)), days: 20);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Search_FolderAlone_ListsPromptlessImagesNewestFirst()
    {
        await Index();

        var result = await DfdProcess.RunAsync("search", "--folder", _wanted, "--db", _db, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["new.jpg", "middle.png", "old.png"], Names(result.Stdout));
    }

    [Fact]
    public async Task Search_SinceAlone_ListsFilesModifiedSinceNewestFirst()
    {
        await Index();

        var result = await DfdProcess.RunAsync("search", "--since", "2026-01-15", "--db", _db, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["new.jpg", "elsewhere.png"], Names(result.Stdout));
    }

    [Fact]
    public async Task Search_GeneratorAlone_LeavesOutFilesWithoutThatGenerator()
    {
        await Index();

        var result = await DfdProcess.RunAsync("search", "--generator", "comfyui", "--db", _db, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Names(result.Stdout));
    }

    private static void Touch(string path, int days) =>
        File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(days));

    private static List<string> Names(string stdout) =>
        JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray()
            .Select(r => Path.GetFileName(r.GetProperty("path").GetString()!)).ToList();

    private async Task Index()
    {
        var index = await DfdProcess.RunAsync("index", "--no-embed", _temp.Combine("library"), "--db", _db);
        Assert.True(index.ExitCode == 0, index.ToString());
    }
}
