using System.CommandLine;
using DrawingFromDiffusion.App.Duplicates;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd dupes`: near-duplicate groups by tier, each with a suggested keeper. Nothing is deleted.</summary>
internal static class DupesCommand
{
    internal const string NoVectors = DupesIndex.NoVectors;

    public static Command Create()
    {
        var tier = new Option<string>("--tier") { Description = "which links to look for, comma-separated (semantic is opt-in)", DefaultValueFactory = _ => TierSelection.Default, HelpName = TierSelection.Names };
        var json = CommonOptions.Json();
        var csv = new Option<bool>("--csv") { Description = "print one CSV row per group member on stdout" };
        var html = new Option<string?>("--html") { Description = "also write an offline contact sheet (thumbnails, keeper marked) to FILE", HelpName = "FILE" };
        var maxDistance = new Option<int?>("--max-distance") { Description = $"visual tier: largest pHash or dHash distance in bits that nominates a pair for the pixel check (default {VisualRule.Default.MaxHashDistance})", HelpName = "N" };
        var minCorrelation = new Option<double?>("--min-correlation") { Description = $"visual tier: smallest thumbnail colour correlation that links a nominated pair (default {VisualRule.Default.MinCorrelation.ToString(System.Globalization.CultureInfo.InvariantCulture)})", HelpName = "R" };
        var model = new Option<string?>("--model", "--pack") { Description = "whose vectors the semantic tier compares and the visual tier takes neighbours from (default: the model with the most vectors)", HelpName = "ID" };
        var maxCosine = new Option<double?>("--max-cosine") { Description = "semantic tier: largest cosine distance (default: per model pack, e.g. resnet18-imagenet " + SemanticDefaults.MaxDistanceFor("resnet18-imagenet").ToString(System.Globalization.CultureInfo.InvariantCulture) + ")", HelpName = "D" };
        var seedWindow = new Option<long>("--seed-window") { Description = "variation tier: largest seed difference", DefaultValueFactory = _ => VariationPairSource.DefaultSeedWindow, HelpName = "N" };
        tier.Accepting(t => TierSelection.Parse(t) is not null, $"{TierSelection.Names}, e.g. visual,semantic");
        maxDistance.Between(0, 32);
        minCorrelation.Between(-1.0, 1.0);
        maxCosine.Between(0.0, 2.0);
        seedWindow.Between(0L);
        var moveTo = new Option<string?>("--move-to") { Description = "move every surely-linked non-keeper into DIR/group-NNNN/ and log each move in DIR (asks first; tentative look-alikes stay; nothing is ever deleted)", HelpName = "DIR" };
        var yes = new Option<bool>("--yes", "-y") { Description = "with --move-to: move without asking (for scripts)" };
        var db = CommonOptions.Db();
        var filters = new CurationFilterOptions();
        var command = new Command("dupes", $"""
            Near-duplicate groups, each with a suggested keeper (most pixels, then has metadata, then oldest).
            Tiers: identical (same bytes), visual (re-encoded, resized, slightly cropped, retouched: pairs nominated by
            close pHash/dHash or nearest embeddings, confirmed by comparing the thumbnails' colours, crops searched),
            variation (same normalised prompt, seed within a small window, other parameters changed) and, when asked
            for, semantic (embedding cosine distance through the vector index, k nearest per image: looser, it also
            links look-alikes). Nothing is deleted; --move-to is opt-in and logged.
            Examples:
              dfd dupes
              dfd dupes --tier visual --min-correlation 0.95 --json
              dfd dupes --tier all
              dfd dupes --tier semantic --max-cosine 0.05
              dfd dupes --html dupes.html
              dfd dupes --move-to ~/dupes-review
              dfd dupes --move-to ~/dupes-review --yes
              dfd dupes --collection thesis-ch2      (groups with two or more images in the collection)
            """)
        {
            tier, json, csv, html, maxDistance, minCorrelation, model, maxCosine, seedWindow, moveTo, yes, db, filters.Tag, filters.RatingMin, filters.Collection,
        };
        command.Validators.Add(result =>
        {
            if (result.Checked(json) && result.Checked(csv))
            {
                result.AddError("--json and --csv cannot be used together");
            }

            if (result.Checked(moveTo) is not null && !filters.Read(result).IsEmpty)
            {
                result.AddError("--move-to moves whole groups, so it does not combine with --tag, --rating-min or --collection");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(moveTo) is not null && !parse.GetValue(yes) && !MoveConfirmation.CanAsk)
            {
                Console.Error.WriteLine("dfd: --move-to asks before moving and there is no terminal to ask on; add --yes to move without asking");
                return ExitCodes.Usage;
            }

            var settings = new DupesSettings(
                CatalogLocation.Resolve(parse.GetValue(db)),
                parse.GetValue(tier)!,
                parse.GetValue(json) ? DupesFormat.Json : parse.GetValue(csv) ? DupesFormat.Csv : DupesFormat.Table,
                parse.GetValue(html),
                parse.GetValue(maxDistance),
                parse.GetValue(moveTo),
                parse.GetValue(model),
                parse.GetValue(maxCosine),
                parse.GetValue(seedWindow),
                parse.GetValue(minCorrelation))
            {
                Confirm = parse.GetValue(yes) ? null : MoveConfirmation.Ask,
                Filters = filters.Read(parse),
            };
            return await RunAsync(settings, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    public static Task<int> RunAsync(DupesSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        CatalogFailures.WithExistingCatalogAsync(settings.DbPath, async database =>
        {
            try
            {
                return await RunAsync(settings, database, output, error, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                error.WriteLine("dfd: interrupted.");
                return ExitCodes.Interrupted;
            }
        });

    private static async Task<int> RunAsync(DupesSettings settings, CatalogDatabase database, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var request = new DupesRequest(settings.Tier, settings.MaxDistance, settings.MinCorrelation, settings.Model, settings.MaxCosine, settings.SeedWindow, settings.MoveTo) { Confirm = settings.Confirm, Filters = settings.Filters };
        DupesRun run;
        try
        {
            using var progress = ProgressRenderer.For(error);
            run = await DupesService.RunAsync(database, request, progress, cancellationToken);
        }
        catch (TierUnavailableException ex)
        {
            error.WriteLine($"dfd: {ex.Message}");
            return ExitCodes.Failure;
        }

        foreach (var notice in run.Notices)
        {
            error.WriteLine($"dfd: {notice}");
        }

        switch (settings.Format)
        {
            case DupesFormat.Json:
                DuplicateReport.WriteJson(output, run);
                break;
            case DupesFormat.Csv:
                DuplicateReport.WriteCsv(output, run);
                break;
            default:
                DuplicateReport.WriteTable(output, run);
                break;
        }

        if (settings.HtmlPath is not null)
        {
            DuplicateContactSheet.Write(settings.HtmlPath, run, new CatalogQueries(database).Thumbnail);
            error.WriteLine($"dfd: contact sheet written to {Path.GetFullPath(settings.HtmlPath)}");
        }

        if (run.Moved is { } moved)
        {
            error.WriteLine($"dfd: moved {moved.Moves.Count} files ({moved.Failed.Count} failed, {moved.LeftTentative.Count} tentative look-alikes left in place); log: {moved.Log}");
        }

        return run.Moved is { Failed.Count: > 0 } ? ExitCodes.Failure : ExitCodes.Ok;
    }
}

internal enum DupesFormat
{
    Table,
    Json,
    Csv,
}

internal sealed record DupesSettings(
    string DbPath,
    string Tier,
    DupesFormat Format,
    string? HtmlPath,
    int? MaxDistance,
    string? MoveTo,
    string? Model = null,
    double? MaxCosine = null,
    long SeedWindow = VariationPairSource.DefaultSeedWindow,
    double? MinCorrelation = null)
{
    /// <summary>Asked before anything moves, with the number of files and the folder; null moves without asking (--yes).</summary>
    public Func<int, string, bool>? Confirm { get; init; }

    /// <summary>Only groups with two or more images passing these (--tag, --rating-min, --collection).</summary>
    public Core.Search.SearchFilters Filters { get; init; } = new();
}
