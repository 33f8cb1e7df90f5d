using System.Net;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DrawingFromDiffusion.Web;

/// <summary>What `dfd serve` (or a test) starts the web app with.</summary>
public sealed record WebServerOptions(CatalogDatabase Database, IPAddress Address, int Port)
{
    /// <summary>
    /// Registers services before the catalog-only stand-ins, which are added only where nothing else
    /// provides <see cref="ISearchBackend"/> or <see cref="IAnalysisBackend"/>.
    /// </summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
