using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;

namespace DrawingFromDiffusion.Cli.Tests.Curation;

/// <summary>`dfd tag add|remove|list`, `dfd rate`, `dfd fav`, `dfd collection` and the filters they feed, on real PNGs with A1111 parameters.</summary>
public sealed class CurationCommandTests : IDisposable
{
    private static readonly string[] _prompts =
    [
        "ink portrait of a woman, (masterpiece:1.2)",
        "ink portrait of an old man <lora:inkstyle:0.8>",
        "watercolor fox in a forest",
        "ink portrait of a child, ((detailed))",
        "oil painting of a harbour at night",
    ];

    private readonly TempFolder _temp = new();
    private readonly string _db;
    private readonly string _library;

    public CurationCommandTests()
    {
        _db = _temp.Combine("catalog.db");
        _library = _temp.Combine("library");
        for (var i = 0; i < _prompts.Length; i++)
        {
            _temp.Write($"library/batch/img{i}.png", GenerationPng.Make(64, 48, i + 1, _prompts[i]));
        }
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TagsRatingAndCollection_FileMovedThenRescanned_StayWithTheImage()
    {
        await Ok("index", "--no-embed", _library, "--db", _db);
        var original = _temp.Combine("library", "batch", "img2.png");
        var id = await IdOf(original);
        await Ok("tag", "add", "keep,Fox Study", original, "--db", _db);
        await Ok("rate", original, "4", "--db", _db);
        await Ok("fav", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", _db);
        await Ok("collection", "add", "thesis-ch2", original, "--db", _db);

        var moved = _temp.Combine("library", "elsewhere", "renamed.png");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        File.Move(original, moved);
        await Ok("index", "--no-embed", _library, "--db", _db);

        Assert.Equal(id, await IdOf(moved));
        Assert.Equal([moved], Paths(await Ok("search", "--tag", "fox study", "--db", _db, "--json")));
        Assert.Equal([moved], Paths(await Ok("search", "--rating-min", "4", "--favourites", "--collection", "THESIS-CH2", "--db", _db, "--json")));
        var tags = Json(await Ok("tag", "list", moved, "--db", _db, "--json")).GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order();
        Assert.Equal(["fox_study", "keep"], tags);
        var shown = Json(await Ok("collection", "show", "thesis-ch2", "--db", _db, "--json")).GetProperty("images").EnumerateArray().Single();
        Assert.Equal((id, moved, 4, true), (shown.GetProperty("image_id").GetInt64(), shown.GetProperty("path").GetString(), shown.GetProperty("rating").GetInt32(), shown.GetProperty("favourite").GetBoolean()));
    }

    [Fact]
    public async Task CollectionAdd_FromSearchWithTagFilter_AddsExactlyTheTaggedMatches()
    {
        await Ok("index", "--no-embed", _library, "--db", _db);
        var keep = new[] { 0, 2, 3 }.Select(i => _temp.Combine("library", "batch", $"img{i}.png")).ToArray();
        await Ok(["tag", "add", "keep", .. keep, "--db", _db]);

        var added = Json(await Ok("collection", "add", "thesis-ch2", "--from-search", "ink portrait", "--tag", "keep", "-k", "200", "--db", _db, "--json"));
        var again = Json(await Ok("collection", "add", "thesis-ch2", "--from-search", "ink portrait", "--tag", "keep", "-k", "200", "--db", _db, "--json"));

        // "ink portrait" matches img0, img1 and img3; the tag leaves img1 out (and img2 is no portrait).
        Assert.Equal((2, true), (added.GetProperty("changed").GetInt32(), added.GetProperty("created").GetBoolean()));
        Assert.Equal((0, 2), (again.GetProperty("changed").GetInt32(), again.GetProperty("asked").GetInt32()));
        var members = Json(await Ok("collection", "show", "thesis-ch2", "--db", _db, "--json")).GetProperty("images").EnumerateArray().Select(m => Path.GetFileName(m.GetProperty("path").GetString())).Order();
        Assert.Equal(["img0.png", "img3.png"], members);
        var list = Json(await Ok("collection", "list", "--db", _db, "--json")).GetProperty("collections").EnumerateArray().Single();
        Assert.Equal(("thesis-ch2", 2), (list.GetProperty("name").GetString(), list.GetProperty("images").GetInt32()));
    }

    [Fact]
    public async Task SearchFilters_RatingMinAndCollection_CombineWithPromptWords()
    {
        await Ok("index", "--no-embed", _library, "--db", _db);
        var paths = Enumerable.Range(0, _prompts.Length).Select(i => _temp.Combine("library", "batch", $"img{i}.png")).ToArray();
        await Ok("rate", paths[0], paths[1], "5", "--db", _db);
        await Ok("rate", paths[3], "2", "--db", _db);
        await Ok("collection", "add", "set", paths[1], paths[3], paths[4], "--db", _db);

        Assert.Equal([paths[0], paths[1]], Paths(await Ok("search", "--prompt", "ink portrait", "--rating-min", "3", "--db", _db, "--json")).Order());
        Assert.Equal([paths[1], paths[3]], Paths(await Ok("search", "--prompt", "ink portrait", "--collection", "set", "--db", _db, "--json")).Order());
        Assert.Equal([paths[1]], Paths(await Ok("search", "--rating-min", "5", "--collection", "set", "--db", _db, "--json")));
        await Ok("rate", paths[1], "none", "--db", _db);
        await Ok("collection", "remove", "set", paths[3], "--db", _db);
        Assert.Equal([paths[1], paths[4]], Paths(await Ok("search", "--collection", "set", "--db", _db, "--json")).Order());
        Assert.Empty(Paths(await Ok("search", "--rating-min", "1", "--collection", "set", "--db", _db, "--json")));
    }

    [Theory]
    [InlineData("rate", "1", "7")]
    [InlineData("search", "--rating-min", "9")]
    [InlineData("search", "--collection", "../x")]
    [InlineData("collection", "add", "bad/name", "1")]
    [InlineData("tag", "add", "a\u0001b", "1")]
    public async Task BadValue_RefusedAtParseTime_OneLineExit2(params string[] args)
    {
        var result = await DfdProcess.RunAsync([.. args, "--db", _db]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(_db));
    }

    [Fact]
    public async Task UnknownImageOrCollection_NamedAndNothingChanged()
    {
        await Ok("index", "--no-embed", _library, "--db", _db);

        var rate = await DfdProcess.RunAsync("rate", "1", "999", "3", "--db", _db);
        var show = await DfdProcess.RunAsync("collection", "show", "nope", "--db", _db);

        Assert.True(rate.ExitCode == 3, rate.ToString());
        Assert.Contains("'999'", rate.Stderr, StringComparison.Ordinal);
        Assert.Empty(Paths(await Ok("search", "--rating-min", "0", "--db", _db, "--json")));
        Assert.True(show.ExitCode == 3, show.ToString());
        Assert.Contains("no collection named 'nope'", show.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagAuto_StillAsksForAuto_ManualSubcommandsNamedInTheHint()
    {
        var result = await DfdProcess.RunAsync("tag", "--db", _db);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("dfd tag add", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<long> IdOf(string path)
    {
        var list = Json(await Ok("tag", "list", path, "--db", _db, "--json"));
        return list.GetProperty("image_id").GetInt64();
    }

    private static async Task<DfdResult> Ok(params string[] args)
    {
        var result = await DfdProcess.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"dfd {string.Join(' ', args)}: {result}");
        return result;
    }

    private static JsonElement Json(DfdResult result) => JsonDocument.Parse(result.Stdout).RootElement.Clone();

    private static List<string> Paths(DfdResult result) =>
        Json(result).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("path").GetString()!).ToList();
}
