using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using DrawingFromDiffusion.Web.Accounts;

namespace DrawingFromDiffusion.Web;

/// <summary>
/// The page (index.html, its ES modules under js/, app.css, the vendored UMAP under vendor/), embedded in dfd and served from memory by fixed names:
/// there is no static-file middleware, so no request path ever reaches the file system.
/// </summary>
internal static class PageEndpoints
{
    private static readonly Dictionary<string, string> _contentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".txt"] = "text/plain; charset=utf-8",
    };

    /// <summary>Every embedded page file by its route: wwwroot/index.html at "/", the others at their path under wwwroot.</summary>
    private static IEnumerable<(string Route, string Resource, string ContentType)> Assets(Assembly assembly) =>
        assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("wwwroot/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => (
                name == "wwwroot/index.html" ? "/" : name["wwwroot".Length..],
                name,
                _contentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream")));

    public static void MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        var assembly = typeof(PageEndpoints).Assembly;
        foreach (var (route, resource, contentType) in Assets(assembly))
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
                .ExcludeFromDescription()
                .AllowSignedOut();
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
