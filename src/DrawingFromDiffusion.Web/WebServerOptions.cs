using System.Net;
using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.Core.Accounts;
using DrawingFromDiffusion.Web.Accounts;
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

    /// <summary>
    /// Sign-in required for everything but the page's files (dfd serve: a non-loopback address, or --accounts).
    /// Without it everything is allowed, as on a single user's machine.
    /// </summary>
    public bool RequireAccounts { get; init; }

    /// <summary>Where accounts and the audit log are kept; null: the catalog's own tables (none when it is read-only).</summary>
    public IAccountStore? AccountStore { get; init; }

    public LoginLimits LoginLimits { get; init; } = new();

    /// <summary>Maps further endpoints after the built-in ones (tests: a curator action to gate).</summary>
    public Action<Microsoft.AspNetCore.Routing.IEndpointRouteBuilder>? MapEndpoints { get; init; }
}
