using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using DrawingFromDiffusion.App.Watching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace DrawingFromDiffusion.Web;

/// <summary>`/api/events`: server-sent events that tell the page when `dfd serve --watch` changed the catalog.</summary>
internal static class EventEndpoints
{
    /// <summary>A quiet stream still sends a ping this often, so proxies and the browser keep it open.</summary>
    private static readonly TimeSpan _ping = TimeSpan.FromSeconds(20);

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", (CatalogChanges changes, IHostApplicationLifetime lifetime, HttpContext context) =>
            TypedResults.ServerSentEvents(Stream(changes, lifetime.ApplicationStopping, context.RequestAborted)))
            .WithSummary("Server-sent events: 'catalog' with the catalog version, first at once, then whenever a watched folder's changes are indexed (dfd serve --watch); 'ping' when quiet.");
        return app;
    }

    private static async IAsyncEnumerable<SseItem<string>> Stream(CatalogChanges changes, CancellationToken stopping, [EnumeratorCancellation] CancellationToken aborted)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(stopping, aborted);
        var seen = changes.Version;
        yield return new SseItem<string>(Version(seen), "catalog");
        while (!both.IsCancellationRequested)
        {
            long next;
            try
            {
                next = await changes.WaitAsync(seen, _ping, both.Token);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            yield return next == seen ? new SseItem<string>("{}", "ping") : new SseItem<string>(Version(next), "catalog");
            seen = next;
        }
    }

    private static string Version(long version) => $"{{\"version\":{version}}}";
}
