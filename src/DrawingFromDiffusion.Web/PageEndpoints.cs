using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DrawingFromDiffusion.Web;

/// <summary>
/// The page (index.html, app.js, app.css), embedded in dfd and served from memory by fixed names:
/// there is no static-file middleware, so no request path ever reaches the file system.
/// </summary>
internal static class PageEndpoints
{
    private static readonly (string Route, string Resource, string ContentType)[] _assets =
    [
        ("/", "wwwroot/index.html", "text/html; charset=utf-8"),
        ("/app.js", "wwwroot/app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "wwwroot/app.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "wwwroot/favicon.svg", "image/svg+xml"),
    ];

    public static void MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        var assembly = typeof(PageEndpoints).Assembly;
        foreach (var (route, resource, contentType) in _assets)
        {
            var bytes = Read(assembly, resource);
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8))}\"";
            app.MapGet(route, (HttpContext context) =>
                {
                    context.Response.Headers.ETag = etag;
                    context.Response.Headers.CacheControl = "no-cache";
                    return context.Request.Headers.IfNoneMatch == etag
                        ? Results.StatusCode(StatusCodes.Status304NotModified)
                        : Results.Bytes(bytes, contentType);
                })
                .ExcludeFromDescription();
        }
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the page asset {name} is not embedded in dfd");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
