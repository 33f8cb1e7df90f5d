using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.App.Accounts;
using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.App.Indexing;
using DrawingFromDiffusion.App.Progress;
using DrawingFromDiffusion.App.Watching;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Web;
using DrawingFromDiffusion.Onnx.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd serve`: the local web page and JSON API over the catalog.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var port = new Option<int>("--port") { Description = "TCP port to listen on (0 picks a free one)", DefaultValueFactory = _ => 5880, HelpName = "PORT" };
        var host = new Option<string>("--host") { Description = "address to listen on; anything but loopback requires accounts (dfd users add)", DefaultValueFactory = _ => "127.0.0.1", HelpName = "ADDRESS" };
        var requireAccounts = new Option<bool>("--accounts") { Description = "require sign-in on loopback too (e.g. behind a TLS reverse proxy on this machine)" };
        var pack = new Option<string?>("--pack") { Description = "model pack whose vectors are searched (default: as dfd search)", HelpName = "ID" };
        var watch = new Option<string[]>("--watch") { Description = "also index what arrives in this folder (repeatable), as `dfd watch` does, embedding with --pack; the page shows new images without a reload", HelpName = "FOLDER", AllowMultipleArgumentsPerToken = false };
        var command = new Command("serve", """
            A web page and JSON API over the catalog: search, image details, "more like this", search by image
            (drag and drop), duplicates and clusters; its only writes are ratings, favourites, manual tags and collections.
            Listens on loopback unless --host says otherwise. Beyond loopback it asks for accounts
            (`dfd users add NAME --role viewer|curator|admin`): sign-in, cookie sessions, CSRF tokens, rate-limited login,
            roles and an audit log (`dfd audit`).
            The API is described at /openapi.json.
            Example: dfd serve --port 5880   then open http://127.0.0.1:5880/
            Example: dfd users add alice --role admin && dfd serve --host 0.0.0.0
            With --watch FOLDER the server also keeps that folder indexed (it then writes to the catalog).
            """) { db, port, host, requireAccounts, pack, watch };
        port.Between(0, 65535);
        host.Accepting(h => ParseHost(h) is not null, "an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0) or localhost");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dbPath = CatalogLocation.Resolve(parse.GetValue(db));
            var address = ParseHost(parse.GetValue(host) ?? "");
            if (address is null || parse.GetValue(port) is < 0 or > 65535)
            {
                Console.Error.WriteLine(address is null
                    ? "dfd: --host must be an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0) or localhost"
                    : "dfd: --port must be from 0 to 65535");
                return ExitCodes.Usage;
            }

            var watched = parse.GetValue(watch) ?? [];
            if (watched.FirstOrDefault(f => !Directory.Exists(f)) is { } missing)
            {
                Console.Error.WriteLine($"dfd: --watch {missing}: no such folder");
                return ExitCodes.Usage;
            }

            return await CatalogFailures.WithExistingCatalogAsync(dbPath, async database =>
            {
                if (watched.Length > 0)
                {
                    CatalogDatabase.CheckWritable(dbPath);
                }

                var accountsOn = !IPAddress.IsLoopback(address) || parse.GetValue(requireAccounts);
                if (accountsOn && AccountsRefusal(database, address) is { } refusal)
                {
                    Console.Error.WriteLine($"dfd: {refusal}");
                    return ExitCodes.Usage;
                }

                using var engine = SearchEngine.Open(database, parse.GetValue(pack), new DeviceOptions(), logger: StderrLogger.Instance);
                var changes = new CatalogChanges();
                await using var app = WebApp.Build(new WebServerOptions(new ReadOnlyCatalog(database), address, parse.GetValue(port))
                {
                    ConfigureServices = services => services.AddSingleton(engine).AddSingleton(changes),
                    RequireAccounts = accountsOn,
                });
                Console.Error.WriteLine($"dfd: {app.Services.GetRequiredService<QueryService>().Capabilities.Why}");
                try
                {
                    await app.StartAsync(cancellationToken);
                }
                catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    Console.Error.WriteLine($"dfd: port {parse.GetValue(port)} on {address} is already in use; pass another --port (0 picks a free one)");
                    return ExitCodes.Failure;
                }

                var url = WebApp.BoundAddress(app);
                var access = accountsOn ? "sign-in required" : "no sign-in (loopback)";
                var writes = database.IsReadOnly ? "read-only" : watched.Length > 0 ? "writes: watched folders, ratings, tags, collections" : "writes: ratings, tags, collections only";
                Console.Error.WriteLine($"dfd: serving {database.Path} ({writes}) on {address}:{url.Port}, {access}; open {url} (Ctrl+C stops)");
                using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var watching = watched.Length == 0 ? Task.CompletedTask : WatchAsync(database, watched, parse.GetValue(pack), app.Services, changes, stopWatching.Token);
                await app.WaitForShutdownAsync(cancellationToken);
                await stopWatching.CancelAsync();
                await app.StopAsync(CancellationToken.None);
                await watching;
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>Why a server that requires accounts cannot start on this catalog, or null.</summary>
    private static string? AccountsRefusal(CatalogDatabase database, IPAddress address)
    {
        var why = IPAddress.IsLoopback(address) ? "--accounts" : $"listening on {address} (reachable from other machines)";
        if (database.IsReadOnly)
        {
            return $"{why} requires accounts, which need a catalog this user can write (for the audit log); {database.Path} is read-only";
        }

        return AccountsService.For(database).HasUsers
            ? null
            : $"{why} requires accounts, and {database.Path} has none; add one with `dfd users add NAME --role admin`, or listen on 127.0.0.1";
    }

    /// <summary>Keeps the folders indexed; each batch that changed the catalog reaches the page's event stream and the vector index.</summary>
    private static async Task WatchAsync(CatalogDatabase database, string[] folders, string? pack, IServiceProvider services, CatalogChanges changes, CancellationToken cancellationToken)
    {
        var query = services.GetRequiredService<QueryService>();
        var scan = new ScanOptions { Roots = folders, Workers = Math.Max(1, Environment.ProcessorCount / 2), MaxBatchDelay = TimeSpan.FromMilliseconds(50) };
        var embedding = new EmbeddingRequest(pack, new DeviceOptions(), 8, VectorPrecision.Float16, scan.Workers, scan.Limits.MaxPixels, RetryFailed: false);
        var lines = new WatchLines(json: false, e =>
        {
            if (e.Kind == WatchEventKind.Indexed && e.Changed)
            {
                query.CatalogChanged();
                changes.Publish(e.CatalogVersion);
            }
        });
        try
        {
            using var progress = new LoggedStageProgress(StderrLogger.Instance, "watch");
            await new WatchService(database, new WatchRequest(folders, scan, embedding), StderrLogger.Instance).RunAsync(lines, progress, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // dfd serve is stopping.
        }
    }

    internal static IPAddress? ParseHost(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) ? address : null;
    }
}
