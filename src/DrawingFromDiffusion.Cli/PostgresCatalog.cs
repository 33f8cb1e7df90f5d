using DrawingFromDiffusion.App.Indexing;
using DrawingFromDiffusion.App.PostgreSql;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Storage.PostgreSql;
using Npgsql;

namespace DrawingFromDiffusion.Cli;

/// <summary>
/// The commands' PostgreSQL branch: `--db postgresql://…` (or such a $DFD_DB) opens the shared catalog instead of a
/// SQLite file. Failures of the server come out as one line and exit 1.
/// </summary>
internal static class PostgresCatalog
{
    /// <summary>The postgresql:// address the command names (--db first, then $DFD_DB); null for a SQLite catalog.</summary>
    public static string? Url(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return PgLocation.IsPostgres(option) ? option : null;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("DFD_DB");
        return PgLocation.IsPostgres(fromEnvironment) ? fromEnvironment : null;
    }

    /// <summary>Opens (and migrates) the catalog, runs <paramref name="action"/>, turns server failures into exit 1.</summary>
    public static async Task<int> GuardAsync(string url, Func<PgCatalog, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            await using var catalog = await PgCatalog.OpenAsync(url, cancellationToken);
            return await action(catalog);
        }
        catch (PgCatalogException ex)
        {
            Console.Error.WriteLine($"dfd: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (NpgsqlException ex) when (ex is not PostgresException { SqlState: "57014" })
        {
            Console.Error.WriteLine($"dfd: the PostgreSQL catalog {PgLocation.Redacted(url)} failed: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (ArgumentException ex) when (ex.ParamName == "url")
        {
            Console.Error.WriteLine($"dfd: {ex.Message}");
            return ExitCodes.Usage;
        }
    }

    /// <summary>`dfd index` on PostgreSQL: one scan at a time per catalog (others wait, or exit 4 with --no-wait), then the embedding pass.</summary>
    public static Task<int> IndexAsync(string url, ScanOptions options, EmbeddingRequest? embedding, bool wait, bool json, CancellationToken cancellationToken) =>
        GuardAsync(url, async catalog =>
        {
            await using var writer = await PgWriterLock.AcquireAsync(catalog, wait, m => Console.Error.WriteLine($"dfd: {m}"), cancellationToken);
            if (writer is null)
            {
                Console.Error.WriteLine($"dfd: another dfd index is writing {catalog.Display}; exiting (--no-wait)");
                return ExitCodes.CatalogBusy;
            }

            using var renderer = ProgressRenderer.For(Console.Error);
            try
            {
                var summary = await PgIndexService.ScanAsync(new PgImageCatalog(catalog), options, renderer, cancellationToken);
                renderer.Finish();
                var embedded = embedding is null ? null : await PgIndexService.EmbedAsync(new PgEmbeddingStore(catalog), embedding, renderer, StderrLogger.Instance, cancellationToken);
                renderer.Finish();
                Commands.IndexCommand.Report(summary, catalog.Display, json, embedded);
                return embedded is { Failed: true } ? ExitCodes.Failure : ExitCodes.Ok;
            }
            catch (OperationCanceledException)
            {
                renderer.Finish();
                Console.Error.WriteLine("dfd: interrupted; every committed file is kept. Run the same command again to resume.");
                return ExitCodes.Interrupted;
            }
        }, cancellationToken);

    /// <summary>`dfd search` / `dfd similar` on PostgreSQL; the results are written as for SQLite (no thumbnails in --html yet).</summary>
    public static Task<int> QueryAsync(string url, EngineOptions engine, string title, Func<PgSearchEngine, Task<SearchOutcome>> run, Func<SearchOutcome, string, Func<long, byte[]?>, int> write, CancellationToken cancellationToken) =>
        GuardAsync(url, async catalog =>
        {
            using var searcher = await PgSearchEngine.OpenAsync(catalog, engine, StderrLogger.Instance, cancellationToken);
            SearchOutcome outcome;
            try
            {
                outcome = await run(searcher);
            }
            catch (QueryLanguageException ex)
            {
                Console.Error.WriteLine($"dfd: {ex.Message}");
                return ExitCodes.Usage;
            }
            catch (SearchUnavailableException ex)
            {
                Console.Error.WriteLine($"dfd: {ex.Message}");
                return ExitCodes.Failure;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.SyntaxError)
            {
                Console.Error.WriteLine($"dfd: cannot search prompts: {ex.MessageText}");
                return ExitCodes.Usage;
            }

            return write(outcome, title, _ => null);
        }, cancellationToken);

    /// <summary>`dfd index --enqueue`: the folders' image files become jobs for `dfd worker`.</summary>
    public static Task<int> EnqueueAsync(string url, IReadOnlyList<string> folders, CancellationToken cancellationToken) =>
        GuardAsync(url, async catalog =>
        {
            foreach (var folder in folders)
            {
                if (!Directory.Exists(folder))
                {
                    Console.Error.WriteLine($"dfd: {folder}: --enqueue takes folders");
                    return ExitCodes.Usage;
                }

                var (root, added, files, queued) = await PgEnqueue.RunAsync(catalog, folder, cancellationToken);
                if (added)
                {
                    Console.Error.WriteLine($"dfd: added root {root} = {Path.GetFullPath(folder)} (see `dfd roots`)");
                }

                Console.WriteLine($"Queued {queued} of {files} image files under root {root} in {catalog.Display}; run `dfd worker` to embed them, `dfd jobs` to follow");
            }

            return ExitCodes.Ok;
        }, cancellationToken);
}
