using System.Net;
using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DrawingFromDiffusion.Web;

/// <summary>What `dfd serve` (or a test) starts the web app with.</summary>
public sealed record WebServerOptions(CatalogDatabase Database, IPAddress Address, int Port)
{
    /// <summary>
    /// Registers extra services; a <c>SearchEngine</c> registered here gives <see cref="QueryService"/> vector search
    /// (without one, or when the catalog holds none of its pack's vectors, the catalog alone answers).
    /// </summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
