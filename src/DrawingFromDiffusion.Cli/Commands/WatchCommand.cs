using System.CommandLine;
using DrawingFromDiffusion.App.Watching;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd watch`: keep folders indexed (and embedded) as files arrive, change, move and go, until Ctrl+C.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("folder") { Arity = ArgumentArity.OneOrMore, Description = "folders to watch, recursively" };
        var db = CommonOptions.Db();
        var json = new Option<bool>("--json") { Description = "print one JSON object per line on stdout for each batch indexed" };
        var options = new WatchCliOptions();
        var command = new Command("watch", """
            Watch folders and index what arrives: new and changed files are scanned (and embedded, as `dfd index` does)
            once they stop growing, deleted and moved files are reflected, and a full incremental rescan every
            --rescan-minutes catches anything the file-system events missed. Starts with a catch-up scan. Ctrl+C stops.
            Examples:
              dfd watch ~/ComfyUI/output
              dfd watch ~/renders --model clip-vit-b32 --json
            """) { folders, db, json };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var roots = parse.GetValue(folders)!;
            if (roots.FirstOrDefault(r => !Directory.Exists(r)) is { } missing)
            {
                Console.Error.WriteLine($"dfd: {missing}: no such folder");
                return ExitCodes.Usage;
            }

            var dbPath = CatalogLocation.Resolve(parse.GetValue(db));
            return await CatalogFailures.GuardAsync(dbPath, async () =>
            {
                CatalogDatabase.CheckWritable(dbPath);
                var database = CatalogDatabase.Open(dbPath);
                using var renderer = ProgressRenderer.For(Console.Error);
                var lines = new WatchLines(parse.GetValue(json));
                try
                {
                    await new WatchService(database, options.Read(parse, roots), StderrLogger.Instance).RunAsync(lines, renderer, cancellationToken);
                    return ExitCodes.Ok;
                }
                catch (OperationCanceledException)
                {
                    renderer.Finish();
                    Console.Error.WriteLine("dfd: stopped watching; every committed file is kept.");
                    return ExitCodes.Ok;
                }
            });
        });
        return command;
    }
}
