using System.Net;
using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.Web;
using DrawingFromDiffusion.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>The real web app on Kestrel, on a free loopback port.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        // No clocks: with Expect: 100-continue the client sends the body anyway after 1 s without an answer, so a
        // loaded machine turned the 413 refusal into a broken pipe. It waits for the server's answer instead.
        var handler = new SocketsHttpHandler { Expect100ContinueTimeout = Timeout.InfiniteTimeSpan };
        Client = new HttpClient(handler) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public static async Task<TestServer> StartAsync(CatalogDatabase database, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        var app = WebApp.Build(new WebServerOptions(new ReadOnlyCatalog(database), IPAddress.Loopback, 0) { ConfigureServices = configure });
        await app.StartAsync(cancellationToken);
        return new TestServer(app, WebApp.BoundAddress(app));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
