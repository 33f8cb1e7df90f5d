using System.Globalization;
using System.Net;
using System.Text.Json;
using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Cli.Tests.Commands;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Web;
using Microsoft.Extensions.DependencyInjection;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>
/// `dfd search --json` / `dfd similar --json` and the web API answer the same request on one catalog with the same
/// images, in the same order, with the same scores: both call the same application service.
/// </summary>
public sealed class CliWebParityTests : IAsyncLifetime
{
    private const double Tolerance = 1e-5;

    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-parity-").FullName;
    private readonly List<long> _ids = [];
    private string _db = null!;
    private Dictionary<string, string> _env = null!;
    private SearchEngine _engine = null!;
    private Microsoft.AspNetCore.Builder.WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var models = Path.Combine(_folder, "models");
        _env = new Dictionary<string, string> { ["DFD_MODELS"] = models };
        var store = new ModelStore(models, bundledRoot: "/nonexistent");
        var pack = await store.AddAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-clip"), null, false, CancellationToken.None);
        float[] fox;
        using (var text = new OnnxTextEmbedder(pack, new OnnxSessionFactory(new DeviceOptions("cpu"))))
        {
            fox = text.Embed("red fox");
        }

        _db = Path.Combine(_folder, "catalog.db");
        var builder = new SearchCatalogBuilder(_db, pack.Id);
        var random = new Random(11);
        string[] prompts = ["a castle", "red fox", "a fox in a forest", "a knight", "fox and hound", "green hills", "a red barn", "a red fox at dusk", "a sleeping cat", "foxglove flowers", "the sea", "a fox"];
        for (var i = 0; i < prompts.Length; i++)
        {
            _ids.Add(builder.Add(SearchCatalogBuilder.AtCosine(fox, 0.95f - (i * 0.08f), random), prompts[i], i % 3 == 0 ? "invokeai" : "comfyui"));
        }

        var database = CatalogDatabase.Open(_db);
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

    [Theory]
    [InlineData("red fox", "hybrid", "hybrid")]
    [InlineData("red fox", "text", "clip")]
    [InlineData("fox", "prompt", "prompt")]
    [InlineData("a red fox", "auto", "auto")]
    public async Task Search_SameRequest_SameResults(string query, string webMode, string cliMode)
    {
        var cli = await CliAsync("search", query, "--mode", cliMode, "-k", "8", "--json", "--db", _db);
        var web = await _client.GetJsonAsync($"/api/search?q={Uri.EscapeDataString(query)}&mode={webMode}&k=8");

        AssertSame(cli, web);
    }

    [Fact]
    public async Task Search_WithAFilter_SameResults()
    {
        var cli = await CliAsync("search", "red fox", "--mode", "hybrid", "-k", "8", "--generator", "comfyui", "--json", "--db", _db);
        var web = await _client.GetJsonAsync("/api/search?q=red%20fox&mode=hybrid&k=8&generator=comfyui");

        AssertSame(cli, web);
    }

    [Fact]
    public async Task Similar_SameRequest_SameResults()
    {
        var id = _ids[1].ToString(CultureInfo.InvariantCulture);
        var cli = await CliAsync("similar", id, "-k", "6", "--cutoff", "none", "--json", "--db", _db);
        var web = await _client.GetJsonAsync($"/api/images/{id}/similar?k=6");

        AssertSame(cli, web);
    }

    private async Task<JsonElement> CliAsync(params string[] args)
    {
        var result = await DfdProcess.RunWithAsync(_env, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.Clone();
    }

    private static void AssertSame(JsonElement cli, JsonElement web)
    {
        var fromCli = cli.GetProperty("results").EnumerateArray().Select(r => (Id: r.GetProperty("image_id").GetInt64(), Score: r.GetProperty("score").GetDouble())).ToList();
        var fromWeb = web.GetProperty("results").EnumerateArray().Select(r => (Id: r.GetProperty("id").GetInt64(), Score: r.GetProperty("score").GetDouble())).ToList();

        Assert.NotEmpty(fromCli);
        Assert.Equal(fromCli.Select(r => r.Id), fromWeb.Select(r => r.Id));
        Assert.All(fromCli.Zip(fromWeb), pair => Assert.Equal(pair.First.Score, pair.Second.Score, Tolerance));
    }
}
