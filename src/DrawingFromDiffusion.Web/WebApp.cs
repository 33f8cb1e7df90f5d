using DrawingFromDiffusion.App.Accounts;
using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.Web.Accounts;
using DrawingFromDiffusion.App.Curation;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.App.Watching;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.Web;

/// <summary>Builds the read-only web app of `dfd serve`: the JSON API, its OpenAPI document and the page.</summary>
public static class WebApp
{
    public static WebApplication Build(WebServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        // Logs go to stderr; a failed start (port in use) is reported by dfd serve in one line, not as a logged stack trace.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter((category, level) => level >= LogLevel.Warning && !(category?.StartsWith("Microsoft.Extensions.Hosting", StringComparison.Ordinal) == true
            || (category?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) == true && level == LogLevel.Critical)));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = WebLimits.MaxUploadBytes + UploadReader.EnvelopeBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            // Room for a query over the 1000-character limit, so it gets a 400 that says so rather than a bare 414.
            kestrel.Limits.MaxRequestLineSize = 16 * 1024;
            kestrel.Listen(options.Address, options.Port);
        });

        // Bound to loopback, only loopback names are answered: a web page elsewhere cannot reach the API by DNS rebinding.
        builder.Services.AddHostFiltering(o =>
        {
            o.AllowedHosts = IPAddress.IsLoopback(options.Address) ? ["localhost", "127.0.0.1", "[::1]"] : ["*"];
            o.AllowEmptyHosts = false;
        });
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            json.SerializerOptions.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver { Modifiers = { SeedJson.WriteSeedAsNumber } };
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "dfd serve";
            document.Info.Description = "JSON API over a DrawingFromDiffusion catalog: search and browse read only; ratings, favourites, manual tags and collections are the only writes. Images are addressed by catalog id only.";
            return Task.CompletedTask;
        }));

        builder.Services.AddSingleton(options.Catalog);
        builder.Services.AddSingleton<CatalogBrowser>();
        // Two uploads decode at once, eight wait; after a burst the decoded pixels' memory goes back to the OS.
        builder.Services.AddSingleton(new DecodeQueue(2, 8, () => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true)));
        options.ConfigureServices?.Invoke(builder.Services);
        // The catalog's version for /api/events; dfd serve --watch registers the one its watcher publishes to.
        builder.Services.TryAddSingleton<CatalogChanges>();
        // One search and one analysis service; what they can answer depends on the engine given (none: the catalog alone).
        builder.Services.AddSingleton(services => new QueryService(services.GetRequiredService<ReadOnlyCatalog>(), services.GetService<SearchEngine>()));
        builder.Services.AddSingleton<AnalysisService>();
        var accounts = AccountsFor(options);
        if (options.RequireAccounts)
        {
            AccountsSetup.AddAccounts(builder.Services, accounts ?? throw new InvalidOperationException("accounts are required but the catalog is read-only"), options.LoginLimits);
        }
        else if (accounts is not null)
        {
            builder.Services.AddSingleton(accounts);
        }
        // Tags, ratings and collections are the page's only writes: small transactions beside any `dfd index` run (WAL).
        builder.Services.AddSingleton(services => new CurationService(services.GetRequiredService<ReadOnlyCatalog>().Database));

        var app = builder.Build();
        // Behind a TLS proxy on this machine: its X-Forwarded-Proto makes the session cookie Secure, X-Forwarded-For names the client for the login limiter.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        app.UseHostFiltering();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            // Every POST and DELETE: a page on another site must not drive uploads, decodes or curation writes through the user's browser.
            var request = context.Request;
            if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
                && SameOriginRule.Refusal(request.Headers["Sec-Fetch-Site"], request.Headers.Origin, request.Scheme, request.Host.Value ?? "") is { } refusal)
            {
                await Results.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            await next(context);
        });

        if (options.RequireAccounts)
        {
            AccountsSetup.UseAccounts(app);
        }

        app.Use((context, next) => AccountGate.InvokeAsync(context, () => next(context), options.RequireAccounts));

        app.MapOpenApi("/openapi.json");
        app.MapPageEndpoints();
        app.MapSessionEndpoints(options.RequireAccounts);
        if (accounts is not null)
        {
            app.MapUserEndpoints();
        }

        app.MapSearchEndpoints();
        app.MapImageEndpoints();
        app.MapAnalysisEndpoints();
        options.MapEndpoints?.Invoke(app);
        app.MapEventEndpoints();
        app.MapCurationEndpoints();
        app.MapDownloadEndpoints();
        app.MapFallback((HttpContext context) => Problems.NotFound($"Nothing is served at {context.Request.Path}; the API is under /api, its description at /openapi.json."));
        return app;
    }

    private static AccountsService? AccountsFor(WebServerOptions options) =>
        options.AccountStore is { } store ? new AccountsService(store)
        : options.Catalog.Database.IsReadOnly ? null
        : AccountsService.For(options.Catalog.Database);

    /// <summary>The address Kestrel really bound (port 0 becomes a free port).</summary>
    public static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("the server reports no address");
        return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }
}
