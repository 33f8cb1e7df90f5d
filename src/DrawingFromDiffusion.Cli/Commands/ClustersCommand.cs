using System.CommandLine;
using System.Globalization;
using DrawingFromDiffusion.App.Clustering;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd clusters`: style clusters over the image embeddings, labelled, stored in the catalog.</summary>
internal static class ClustersCommand
{
    public const int DefaultSeed = 42;

    public static Command Create()
    {
        var k = new Option<string>("--k") { Description = "number of clusters, or auto (neighbour-graph modularity of k-means fits on a sample)", DefaultValueFactory = _ => "auto", HelpName = "N|auto" };
        var model = new Option<string?>("--model", "--pack") { Description = "whose vectors to cluster (default: the model with the most vectors)", HelpName = "ID" };
        var by = new Option<string?>("--by") { Description = "also show how each LoRA, checkpoint or generator spreads over the clusters", HelpName = "lora|model|generator" };
        by.Accepting(b => b is "lora" or "model" or "generator", "lora, model or generator");
        var json = CommonOptions.Json();
        var csv = new Option<bool>("--csv") { Description = "print one CSV row per cluster" };
        var outDir = new Option<string?>("--out") { Description = "write map.png (clusters kept apart, numbered, with a legend) and one HTML contact sheet per cluster (file names linked to the originals) to DIR", HelpName = "DIR" };
        var seed = new Option<int>("--seed") { Description = "random seed: the same seed and catalog give the same clusters", DefaultValueFactory = _ => DefaultSeed, HelpName = "N" };
        var db = CommonOptions.Db();
        k.Accepting(text => text == "auto" || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1), "a positive number or auto");
        var command = new Command("clusters", """
            Style clusters: seeded spherical k-means++ over the image embeddings. Each cluster gets its size, the image
            nearest its centre, distinctive prompt words (class-based TF-IDF), the nearest style words through the pack's
            text tower (when it has one), and its top checkpoints and LoRAs. The assignment is stored in the catalog for
            `dfd export` and `dfd serve`.
            Examples:
              dfd clusters
              dfd clusters --k 12 --by lora
              dfd clusters --out clusters/ --json
            """)
        {
            k, model, by, json, csv, outDir, seed, db,
        };
        command.Validators.Add(result =>
        {
            if (result.Checked(json) && result.Checked(csv))
            {
                result.AddError("--json and --csv cannot be used together");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var kText = parse.GetValue(k) ?? "auto";
            var settings = new ClusterSettings(
                CatalogLocation.Resolve(parse.GetValue(db)),
                kText == "auto" ? null : int.Parse(kText, CultureInfo.InvariantCulture),
                parse.GetValue(model),
                parse.GetValue(by),
                parse.GetValue(json) ? ClusterFormat.Json : parse.GetValue(csv) ? ClusterFormat.Csv : ClusterFormat.Table,
                parse.GetValue(outDir),
                parse.GetValue(seed));
            return await RunAsync(settings, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    public static Task<int> RunAsync(ClusterSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        CatalogFailures.WithExistingCatalogAsync(settings.DbPath, database =>
        {
            try
            {
                return Task.FromResult(Run(settings, database, output, error, cancellationToken));
            }
            catch (OperationCanceledException)
            {
                error.WriteLine("dfd: interrupted.");
                return Task.FromResult(ExitCodes.Interrupted);
            }
        });

    private static int Run(ClusterSettings settings, CatalogDatabase database, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ClustersResult result;
        try
        {
            using var progress = ProgressRenderer.For(error);
            result = ClustersService.Run(database, settings, progress, cancellationToken);
        }
        catch (ClustersUnavailableException ex)
        {
            error.WriteLine($"dfd: {ex.Message}");
            return ExitCodes.Failure;
        }

        foreach (var notice in result.Notices)
        {
            error.WriteLine($"dfd: {notice}");
        }

        switch (settings.Format)
        {
            case ClusterFormat.Json:
                ClusterOutput.WriteJson(output, result.Run);
                break;
            case ClusterFormat.Csv:
                ClusterOutput.WriteCsv(output, result.Run);
                break;
            default:
                ClusterOutput.WriteTable(output, result.Run);
                break;
        }

        if (settings.OutDir is not null)
        {
            error.WriteLine($"dfd: wrote {result.Sheets.Count} files to {Path.GetFullPath(settings.OutDir)} (map.png, cluster-NN.html)");
        }

        return ExitCodes.Ok;
    }
}
