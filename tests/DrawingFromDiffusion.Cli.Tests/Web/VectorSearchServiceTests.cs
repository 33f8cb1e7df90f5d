using System.Net;
using System.Net.Http.Headers;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Cli.Tests.Commands;
using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.Web;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>The web API over the real search engine (tiny CLIP pack, hand-built vectors).</summary>
public sealed class VectorSearchServiceTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-web-clip-").FullName;
    private readonly Dictionary<string, long> _ids = [];
    private SearchEngine _engine = null!;
    private Microsoft.AspNetCore.Builder.WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var store = new ModelStore(Path.Combine(_folder, "models"), bundledRoot: "/nonexistent");
        var pack = await store.AddAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-clip"), null, false, CancellationToken.None);
        float[] fox;
        using (var text = new OnnxTextEmbedder(pack, new OnnxSessionFactory(new DeviceOptions("cpu"))))
        {
            fox = text.Embed("fox");
        }

        var db = Path.Combine(_folder, "catalog.db");
        var builder = new SearchCatalogBuilder(db, pack.Id);
        var random = new Random(3);
        _ids["A"] = builder.Add(SearchCatalogBuilder.AtCosine(fox, 1f, random), "a castle");
        _ids["B"] = builder.Add(SearchCatalogBuilder.AtCosine(fox, 0.9f, random), "red fox");
        _ids["C"] = builder.Add(SearchCatalogBuilder.AtCosine(fox, 0.5f, random), "a fox in a big green forest with tall old trees");
        _ids["D"] = builder.Add(SearchCatalogBuilder.AtCosine(fox, 0.1f, random), "a knight", "invokeai");
        var database = CatalogDatabase.Open(db);
        _engine = SearchEngine.Open(database, null, new DeviceOptions("cpu"), store);
        _app = WebApp.Build(new WebServerOptions(new ReadOnlyCatalog(database), IPAddress.Loopback, 0)
        {
            ConfigureServices = services => services.AddSingleton(_engine),
        });
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = WebApp.BoundAddress(_app), Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _engine.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Search_Hybrid_FusesAndSaysWhy()
    {
        var result = await _client.GetJsonAsync("/api/search?q=fox&mode=hybrid&k=4");

        Assert.Equal("hybrid", result.GetProperty("mode_used").GetString());
        var hits = result.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(_ids["B"], hits[0].GetProperty("id").GetInt64());
        Assert.Contains("prompt match rank 1", hits[0].GetProperty("why").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similar_CheckpointFilter_MatchesWholeNamesAsPickedFromTheFacetList()
    {
        var whole = await _client.GetJsonAsync($"/api/images/{_ids["A"]}/similar?k=3&checkpoint=model.safetensors");
        var part = await _client.GetJsonAsync($"/api/images/{_ids["A"]}/similar?k=3&checkpoint=model");

        Assert.Equal(3, whole.GetProperty("results").GetArrayLength());
        Assert.Equal(0, part.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Similar_ById_RanksByVectorsWithoutItself()
    {
        var result = await _client.GetJsonAsync($"/api/images/{_ids["A"]}/similar?k=3");

        var ids = result.GetProperty("results").EnumerateArray().Select(h => h.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([_ids["B"], _ids["C"], _ids["D"]], ids);
    }

    [Fact]
    public async Task Similar_WithFilter_KeepsOnlyMatching()
    {
        var result = await _client.GetJsonAsync($"/api/images/{_ids["A"]}/similar?k=3&generator=invokeai");

        Assert.Equal([_ids["D"]], result.GetProperty("results").EnumerateArray().Select(h => h.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task ImageSearch_Upload_EmbedsWithTheImageTower()
    {
        var png = Path.Combine(_folder, "query.png");
        TestCatalog.WritePng(png, 5, 64);
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(png));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "file", "query.png");

        using var response = await _client.PostAsync("/api/search/image?k=2", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"mode_used\":\"image\"", body, StringComparison.Ordinal);
        Assert.Contains("uploaded image", body, StringComparison.Ordinal);
    }
}
