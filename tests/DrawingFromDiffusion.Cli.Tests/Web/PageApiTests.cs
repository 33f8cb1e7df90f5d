using System.Net;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>The API behind the page's Clusters tab and detail panel, on the clip-art-like catalog.</summary>
[Collection(WebCollection.Name)]
public sealed class PageApiTests(PageCatalog catalog) : IClassFixture<PageCatalog>
{
    private HttpClient Client => catalog.Server.Client;

    [Fact]
    public async Task ClusterPoints_All_OneVectorPerPointAsSignedBytes()
    {
        var points = await Client.GetJsonAsync("/api/clusters/points");

        var count = PageCatalog.Families.Length * PageCatalog.PerFamily;
        Assert.Equal(PageCatalog.Model, points.GetProperty("model_id").GetString());
        Assert.Equal(16, points.GetProperty("dimensions").GetInt32());
        Assert.Equal(count, points.GetProperty("total").GetInt32());
        Assert.Equal(count, points.GetProperty("points").GetArrayLength());
        var bytes = Convert.FromBase64String(points.GetProperty("vectors").GetString()!);
        Assert.Equal(count * 16, bytes.Length);
        // Each vector's largest component is scaled to ±127.
        Assert.All(Enumerable.Range(0, count), i => Assert.Equal(127, bytes.Skip(i * 16).Take(16).Max(b => Math.Abs((int)(sbyte)b))));
        Assert.EndsWith(".png", points.GetProperty("points")[0].GetProperty("name").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterPoints_Limit_SamplesEveryClusterEvenly()
    {
        var points = await Client.GetJsonAsync("/api/clusters/points?limit=8");

        var clusters = points.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("cluster").GetInt32()).ToList();
        Assert.Equal(8, clusters.Count);
        Assert.All(clusters.GroupBy(c => c), g => Assert.Equal(2, g.Count()));
        Assert.Equal(8 * 16, Convert.FromBase64String(points.GetProperty("vectors").GetString()!).Length);
    }

    [Fact]
    public async Task ClusterImages_Page_NamesAndTotal_UnknownIs404_NotANumberIs400()
    {
        var page = await Client.GetJsonAsync("/api/clusters/2?offset=10&limit=5");

        Assert.Equal(PageCatalog.PerFamily, page.GetProperty("total").GetInt32());
        Assert.Equal(PageCatalog.PerFamily - 10, page.GetProperty("images").GetArrayLength());
        Assert.All(page.GetProperty("images").EnumerateArray(), i => Assert.StartsWith("star-", i.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.Equal(2, page.GetProperty("cluster").GetProperty("id").GetInt32());
        using var unknown = await Client.GetAsync("/api/clusters/99");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var text = await Client.GetAsync("/api/clusters/abc");
        await Api.ProblemAsync(text, 400);
    }

    [Fact]
    public async Task Image_Tagged_ReturnsTagsBestFirst()
    {
        var image = await Client.GetJsonAsync($"/api/images/{catalog.IdOf("clock-01.png")}");

        var tags = image.GetProperty("tags").EnumerateArray().Select(t => (t.GetProperty("name").GetString(), t.GetProperty("category").GetString())).ToList();
        Assert.Equal([("general", "rating"), ("clock", "general"), ("no_humans", "general")], tags);
        var untagged = await Client.GetJsonAsync($"/api/images/{catalog.IdOf("star-01.png")}");
        Assert.Equal(0, untagged.GetProperty("tags").GetArrayLength());
    }

    [Fact]
    public async Task Dupes_StoredGroups_CarryTheTentativeFlagAndTierWords()
    {
        var report = await Client.GetJsonAsync("/api/dupes?limit=2");

        Assert.Equal(catalog.GroupCount, report.GetProperty("total").GetInt32());
        var first = report.GetProperty("groups")[0];
        Assert.Equal(["visual"], first.GetProperty("tiers").EnumerateArray().Select(t => t.GetString()));
        var member = first.GetProperty("members")[1];
        Assert.True(member.GetProperty("tentative").GetBoolean());
        Assert.Equal("visual", member.GetProperty("tier").GetString());
        Assert.False(report.GetProperty("groups")[1].GetProperty("members")[1].GetProperty("tentative").GetBoolean());
    }
}
