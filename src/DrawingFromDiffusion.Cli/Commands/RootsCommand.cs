using System.CommandLine;
using DrawingFromDiffusion.Storage.PostgreSql;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd roots`: the named folders of a shared catalog that queued files are relative to.</summary>
internal static class RootsCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var name = new Argument<string>("name") { Description = "the root's name, e.g. studio" };
        var path = new Argument<string>("path") { Description = "the folder, as the catalog and its workers see it" };
        var add = new Command("add", "Name a folder: `dfd index --enqueue` queues files relative to it.") { db, name, path };
        add.SetAction(async (parse, cancellationToken) => await WithQueueAsync(parse.GetValue(db), async queue =>
        {
            var folder = Path.GetFullPath(parse.GetValue(path)!);
            await queue.AddRootAsync(parse.GetValue(name)!, folder, cancellationToken);
            Console.WriteLine($"root {parse.GetValue(name)} = {folder}");
            return ExitCodes.Ok;
        }, cancellationToken));
        var listDb = CommonOptions.Db();
        var list = new Command("list", "List the named roots.") { listDb };
        list.SetAction(async (parse, cancellationToken) => await WithQueueAsync(parse.GetValue(listDb), async queue =>
        {
            foreach (var (rootName, rootPath) in await queue.RootsAsync(cancellationToken))
            {
                Console.WriteLine($"{rootName}\t{rootPath}");
            }

            return ExitCodes.Ok;
        }, cancellationToken));
        return new Command("roots", "Named roots of a shared PostgreSQL catalog, so workers and the catalog agree on paths.") { add, list };
    }

    private static async Task<int> WithQueueAsync(string? db, Func<PgJobQueue, Task<int>> action, CancellationToken cancellationToken)
    {
        if (PostgresCatalog.Url(db) is not { } url)
        {
            Console.Error.WriteLine("dfd: roots belong to a shared catalog: --db postgresql://… (or DFD_DB)");
            return ExitCodes.Usage;
        }

        return await PostgresCatalog.GuardAsync(url, catalog => action(new PgJobQueue(catalog)), cancellationToken);
    }
}
