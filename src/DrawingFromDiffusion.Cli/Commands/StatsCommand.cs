using System.CommandLine;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd stats`: what the catalog holds.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("stats", "Counts of images, files, errors, formats and embeddings, and the catalog's size.\nExample: dfd stats --json") { db, json };
        command.SetAction(async (parse, _) =>
        {
            var dbPath = CatalogLocation.Resolve(parse.GetValue(db));
            return await CatalogFailures.WithExistingCatalogAsync(dbPath, database =>
            {
                var stats = new CatalogQueries(database).Stats();
                if (parse.GetValue(json))
                {
                    Json.Write(stats);
                    return Task.FromResult(ExitCodes.Ok);
                }

                Console.WriteLine($"catalog     {stats.CatalogPath} ({stats.CatalogBytes / 1048576.0:0.0} MiB, schema {stats.SchemaVersion})");
                // stats.Images counts every catalogued picture, videos included (the JSON field keeps that meaning).
                Console.WriteLine($"images      {stats.Images - stats.Videos}");
                if (stats.Videos > 0)
                {
                    Console.WriteLine($"videos      {stats.Videos} ({stats.VideoFrames} frames sampled)");
                }

                Console.WriteLine($"files       {stats.Files}");
                Console.WriteLine($"errors      {stats.Errors}");
                Console.WriteLine($"with prompt {stats.WithGeneration}");
                Console.WriteLine($"formats     {string.Join("  ", stats.Formats.Select(f => $"{f.Key} {f.Value}"))}");
                Console.WriteLine($"embeddings  {(stats.Embeddings.Count == 0 ? "none" : string.Join("  ", stats.Embeddings.Select(e => $"{e.Key} {e.Value}")))}");
                Console.WriteLine($"last scan   {(stats.LastScan?.ToString("u") ?? "never finished")}");
                return Task.FromResult(ExitCodes.Ok);
            });
        });
        return command;
    }
}
