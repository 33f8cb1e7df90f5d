using System.CommandLine;
using System.Globalization;
using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd facets`: which generators, checkpoints, LoRAs and samplers the catalog's images used.</summary>
internal static class FacetsCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var top = new Option<int>("--top") { Description = "rows per list", DefaultValueFactory = _ => 20 };
        top.Between(1, 100_000);
        var command = new Command("facets", "Count images per generator, checkpoint, LoRA (with mean weight) and sampler.\nExamples:\n  dfd facets\n  dfd facets --json --top 100") { db, json, top };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dbPath = CatalogLocation.Resolve(parse.GetValue(db));
            return await CatalogFailures.WithExistingCatalogAsync(dbPath, database =>
            {
                var facets = FacetsService.Count(database, parse.GetValue(top));
                if (parse.GetValue(json))
                {
                    Json.Write(facets);
                    return Task.FromResult(ExitCodes.Ok);
                }

                Console.WriteLine($"{facets.ImagesWithMetadata} image(s) with generation metadata");
                Section("generators", facets.Generators);
                Section("checkpoints", facets.Models);
                Section("loras", facets.Loras);
                Section("samplers", facets.Samplers);
                return Task.FromResult(ExitCodes.Ok);
            });
        });
        return command;
    }

    private static void Section(string title, IReadOnlyList<FacetCount> counts)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        foreach (var count in counts)
        {
            var weight = count.MeanWeight is { } w ? $"  mean weight {w.ToString("0.##", CultureInfo.InvariantCulture)}" : "";
            Console.WriteLine($"  {count.Count,8}  {count.Value}{weight}");
        }
    }
}
