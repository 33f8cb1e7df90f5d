using System.Net;
using DrawingFromDiffusion.App.Browsing;
using Microsoft.Extensions.DependencyInjection;

namespace DrawingFromDiffusion.Web;

/// <summary>What `dfd serve` (or a test) starts the web app with.</summary>
/// <param name="Catalog">the catalog, opened by the caller (dfd serve: read-only, after its checks).</param>
public sealed record WebServerOptions(ReadOnlyCatalog Catalog, IPAddress Address, int Port)
{
    /// <summary>
    /// Registers extra services; a <c>SearchEngine</c> registered here gives <see cref="QueryService"/> vector search
    /// (without one, or when the catalog holds none of its pack's vectors, the catalog alone answers).
    /// </summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
