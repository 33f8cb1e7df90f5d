using System.Net;
using System.Net.Http.Json;
using DrawingFromDiffusion.Cli.Tests.Web;

namespace DrawingFromDiffusion.Cli.Tests.Curation;

/// <summary>The page's curation writes (ratings, favourites, manual tags, collections) and the matching /api/search filters, on a real server.</summary>
public sealed class CurationApiTests : IAsyncLifetime
{
    private TestCatalog _catalog = null!;
    private TestServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync()
    {
        _catalog = await TestCatalog.CreateAsync(6, CancellationToken.None);
        _server = await TestServer.StartAsync(_catalog.Database, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _catalog.Dispose();
    }

    [Fact]
    public async Task RateTagCollect_ThenSearchFilters_FindExactlyThoseImages()
    {
        var a = _catalog.IdOf("img02.png");
        var b = _catalog.IdOf("img04.png");

        (await Client.PostAsJsonAsync($"/api/images/{a}/rating", new { stars = 5 })).EnsureSuccessStatusCode();
        (await Client.PostAsJsonAsync($"/api/images/{b}/rating", new { stars = 3 })).EnsureSuccessStatusCode();
        (await Client.PostAsJsonAsync($"/api/images/{a}/tags", new { tags = new[] { "Keep", "hero shot" } })).EnsureSuccessStatusCode();
        (await Client.PostAsJsonAsync($"/api/images/{b}/tags", new { tags = new[] { "keep" } })).EnsureSuccessStatusCode();
        (await Client.PostAsync($"/api/images/{b}/favourite", null)).EnsureSuccessStatusCode();
        using var added = await Client.PostAsJsonAsync("/api/collections/picks/images", new { ids = new[] { b, a } });
        added.EnsureSuccessStatusCode();

        Assert.Equal(2, (await Api.JsonAsync(added)).GetProperty("changed").GetInt32());
        Assert.Equal(new[] { a, b }.Order(), await Ids("/api/search?tag=keep&k=50"));
        Assert.Equal([a], await Ids("/api/search?tag=keep&rating_min=4&k=50"));
        Assert.Equal([b], await Ids("/api/search?collection=picks&favourites=1&k=50"));
        Assert.Equal(new[] { a, b }.Order(), await Ids("/api/search?collection=picks&rating_min=3&k=50"));
        var curation = await Client.GetJsonAsync($"/api/images/{a}/curation");
        Assert.Equal(5, curation.GetProperty("rating").GetInt32());
        Assert.Equal(["hero_shot", "keep"], curation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order());
        Assert.Equal(["picks"], curation.GetProperty("collections").EnumerateArray().Select(t => t.GetString()));
        var shown = await Client.GetJsonAsync("/api/collections/picks");
        Assert.Equal([b, a], shown.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("image_id").GetInt64()));
        var list = await Client.GetJsonAsync("/api/collections");
        Assert.Equal(2, list.GetProperty("collections").EnumerateArray().Single().GetProperty("images").GetInt32());
    }

    [Fact]
    public async Task RemoveAndClear_UndoTheMarks()
    {
        var a = _catalog.IdOf("img03.png");
        (await Client.PostAsJsonAsync($"/api/images/{a}/rating", new { stars = 4 })).EnsureSuccessStatusCode();
        (await Client.PostAsJsonAsync($"/api/images/{a}/tags", new { tags = new[] { "keep" } })).EnsureSuccessStatusCode();
        (await Client.PostAsJsonAsync("/api/collections/picks/images", new { ids = new[] { a } })).EnsureSuccessStatusCode();

        (await Client.DeleteAsync($"/api/images/{a}/rating")).EnsureSuccessStatusCode();
        (await Client.DeleteAsync($"/api/images/{a}/tags/keep")).EnsureSuccessStatusCode();
        (await Client.DeleteAsync($"/api/collections/picks/images/{a}")).EnsureSuccessStatusCode();

        var curation = await Client.GetJsonAsync($"/api/images/{a}/curation");
        Assert.False(curation.TryGetProperty("rating", out _));
        Assert.Empty(curation.GetProperty("tags").EnumerateArray());
        Assert.Empty(curation.GetProperty("collections").EnumerateArray());
        Assert.Empty(await Ids("/api/search?collection=picks"));
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/api/collections/picks")).StatusCode);
        Assert.Empty((await Client.GetJsonAsync("/api/collections")).GetProperty("collections").EnumerateArray());
    }

    [Fact]
    public async Task BadRequests_AnsweredWithProblems()
    {
        var a = _catalog.IdOf("img01.png");

        Assert.Contains("0 to 5", await Api.ProblemAsync(await Client.PostAsJsonAsync($"/api/images/{a}/rating", new { stars = 6 }), 400), StringComparison.Ordinal);
        Assert.Contains("no image 99999", await Api.ProblemAsync(await Client.PostAsJsonAsync("/api/images/99999/rating", new { stars = 2 }), 404), StringComparison.Ordinal);
        Assert.Contains("collection name", await Api.ProblemAsync(await Client.PostAsJsonAsync("/api/collections/..%2Fx/images", new { ids = new[] { a } }), 400), StringComparison.Ordinal);
        Assert.Contains("no collection named", await Api.ProblemAsync(await Client.GetAsync("/api/collections/nothing-here"), 404), StringComparison.Ordinal);
        Assert.Contains("rating_min", await Api.ProblemAsync(await Client.GetAsync("/api/search?rating_min=7"), 400), StringComparison.Ordinal);
        Assert.Contains("tag", await Api.ProblemAsync(await Client.PostAsJsonAsync($"/api/images/{a}/tags", new { tags = new[] { "a,b" } }), 400), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task CrossSiteWrite_Forbidden_NothingChanged(string method)
    {
        var a = _catalog.IdOf("img05.png");
        (await Client.PostAsJsonAsync($"/api/images/{a}/rating", new { stars = 2 })).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/images/{a}/rating") { Content = JsonContent.Create(new { stars = 5 }) };
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(2, (await Client.GetJsonAsync($"/api/images/{a}/curation")).GetProperty("rating").GetInt32());
    }

    private async Task<List<long>> Ids(string path) =>
        (await Client.GetJsonAsync(path)).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).Order().ToList();
}
