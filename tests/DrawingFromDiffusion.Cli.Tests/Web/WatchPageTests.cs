using DrawingFromDiffusion.App.Watching;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Cli.Tests.Watching;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>`dfd serve --watch`: /api/events announces each indexed batch, and the open page shows the arrival without a reload.</summary>
[Collection(WebCollection.Name)]
public sealed class WatchPageTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(3));
    private readonly WatchEvents _events = new();
    private readonly CatalogChanges _changes = new();
    private TestServer _server = null!;
    private Task _watching = Task.CompletedTask;

    private string Library => _temp.Combine("library");

    public async Task InitializeAsync()
    {
        _temp.Write("library/first.png", InfotextPng.Create(64, 48, 1, InfotextPng.Infotext("a lighthouse on a cliff")));
        var database = CatalogDatabase.Open(_temp.Combine("catalog.db"));
        var scan = new ScanOptions { Roots = [Library], Workers = 2, MaxBatchDelay = TimeSpan.FromMilliseconds(20) };
        var watch = new WatchService(database, new WatchRequest([Library], scan, Embedding: null) { SettleInterval = TimeSpan.FromMilliseconds(100) }, NullLogger.Instance);
        _watching = Task.Run(() => watch.RunAsync(new Relay(_events, _changes), null, _stop.Token));
        await _events.NextAsync(e => e.Kind == WatchEventKind.Watching, _guard.Token);
        _server = await TestServer.StartAsync(database, _guard.Token, services => services.AddSingleton(_changes));
    }

    [Fact]
    public async Task Events_BatchIndexed_StreamSendsTheNewVersion()
    {
        using var response = await _server.Client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, _guard.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_guard.Token));
        var first = await NextEventAsync(reader);

        var dropped = _temp.Write("library/second.png", InfotextPng.Create(64, 48, 2, InfotextPng.Infotext("a lighthouse in fog")));
        var batch = (await _events.IndexedAsync([dropped], _guard.Token))[^1];
        var next = await NextEventAsync(reader);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("catalog", $"{{\"version\":{batch.CatalogVersion - 1}}}"), first);
        Assert.Equal(("catalog", $"{{\"version\":{batch.CatalogVersion}}}"), next);
    }

    [Fact]
    public async Task Page_FileDroppedIntoWatchedFolder_AppearsWithoutReload()
    {
        await using var browser = await BrowserSession.StartAsync();
        await browser.OpenAsync(_server.Address, "/?q=lighthouse");
        var tiles = browser.Page.Locator("#grid .tile");
        await Assertions.Expect(tiles).ToHaveCountAsync(1);
        await Assertions.Expect(browser.Page.Locator("body[data-catalog-version]")).ToHaveCountAsync(1);

        _temp.Write("library/later/arrival.png", InfotextPng.Create(64, 48, 3, InfotextPng.Infotext("a lighthouse under stars")));

        await Assertions.Expect(tiles).ToHaveCountAsync(2);
        await Assertions.Expect(browser.Page.Locator("#grid")).ToContainTextAsync("a lighthouse under stars");
    }

    private static async Task<(string Event, string Data)> NextEventAsync(StreamReader reader)
    {
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0 && data is not null)
            {
                if (name != "ping")
                {
                    return (name ?? "message", data);
                }

                (name, data) = (null, null);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        throw new InvalidOperationException("the event stream ended");
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _watching);
        await _server.DisposeAsync();
        _stop.Dispose();
        _guard.Dispose();
        _temp.Dispose();
    }

    /// <summary>What dfd serve --watch does with each batch: publish the changed catalog's version.</summary>
    private sealed class Relay(WatchEvents events, CatalogChanges changes) : IProgress<WatchEvent>
    {
        public void Report(WatchEvent value)
        {
            if (value.Kind == WatchEventKind.Indexed && value.Changed)
            {
                changes.Publish(value.CatalogVersion);
            }

            events.Report(value);
        }
    }
}
