using System.Net;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>The server reads through WAL while a scan commits into the same catalog.</summary>
public sealed class ConcurrentIndexTests
{
    [Fact]
    public async Task Search_WhileAnIndexRunWrites_AllRequestsSucceed()
    {
        using var catalog = await TestCatalog.CreateAsync(4, CancellationToken.None);
        await using var server = await TestServer.StartAsync(catalog.Database, CancellationToken.None);
        var more = Path.Combine(catalog.Root, "more");
        Directory.CreateDirectory(more);
        for (var i = 0; i < 60; i++)
        {
            TestCatalog.WritePng(Path.Combine(more, $"more{i:00}.png"), 100 + i, 96);
        }

        var scan = TestCatalog.IndexAsync(catalog.Database, more, CancellationToken.None);
        var statuses = new List<HttpStatusCode>();
        var counts = new List<long>();
        while (!scan.IsCompleted || statuses.Count < 40)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
            {
                using var response = await server.Client.GetAsync(i % 2 == 0 ? "/api/search?k=200" : "/api/stats");
                return response.StatusCode;
            }));
            statuses.AddRange(batch);
            counts.Add((await server.Client.GetJsonAsync("/api/stats")).GetProperty("images").GetInt64());
        }

        await scan;
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(4 + 1 + 60, (await server.Client.GetJsonAsync("/api/stats")).GetProperty("images").GetInt64());
        Assert.Equal(counts.Order(), counts);
    }
}
