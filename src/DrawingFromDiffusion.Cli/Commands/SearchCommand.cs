using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd search`: find catalogued images by prompt words (FTS5, BM25) and generation filters.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var csv = new Option<bool>("--csv") { Description = "print CSV on stdout" };
        var prompt = new Option<string?>("--prompt") { Description = "words in the prompt: all must appear; \"a phrase\", prefix*, OR, NOT work", HelpName = "WORDS" };
        var generator = new Option<string?>("--generator") { Description = "sd-webui, forge, comfyui, invokeai, novelai, swarmui, fooocus, … (see dfd facets)" };
        var model = new Option<string?>("--model") { Description = "checkpoint name contains this" };
        var lora = new Option<string?>("--lora") { Description = "a LoRA whose name contains this was used" };
        var sampler = new Option<string?>("--sampler") { Description = "sampler name, exactly (case-insensitive)" };
        var seed = new Option<string?>("--seed") { Description = "N or A..B", HelpName = "N|A..B" };
        var steps = new Option<string?>("--steps") { Description = "N or A..B", HelpName = "N|A..B" };
        var cfg = new Option<string?>("--cfg") { Description = "N or A..B", HelpName = "N|A..B" };
        var width = new Option<string?>("--width") { Description = "N or A..B (generation size)", HelpName = "N|A..B" };
        var height = new Option<string?>("--height") { Description = "N or A..B (generation size)", HelpName = "N|A..B" };
        var since = new Option<string?>("--since") { Description = "file modified on or after this date (YYYY-MM-DD or ISO time)", HelpName = "DATE" };
        var until = new Option<string?>("--until") { Description = "file modified before this date", HelpName = "DATE" };
        var folder = new Option<string?>("--folder") { Description = "only files under this folder", HelpName = "PATH" };
        var limit = new Option<int>("--limit", "-n") { Description = "at most this many results", DefaultValueFactory = _ => 50 };
        var command = new Command("search", """
            Find catalogued images by prompt words and generation parameters. Filters combine with AND and work without --prompt.
            Examples:
              dfd search --prompt "hatsune miku" --steps 20..30
              dfd search --prompt 'mik*' --generator comfyui --json
              dfd search --lora detail --since 2026-01-01 --csv > hits.csv
            """)
        {
            db, json, csv, prompt, generator, model, lora, sampler, seed, steps, cfg, width, height, since, until, folder, limit,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var filters = new SearchFilters
            {
                Generator = parse.GetValue(generator),
                Model = parse.GetValue(model),
                Lora = parse.GetValue(lora),
                Sampler = parse.GetValue(sampler),
                Folder = parse.GetValue(folder) is { } f ? Path.GetFullPath(f) : null,
            };
            var errors = new List<string>();
            filters = filters with
            {
                Seed = Range(parse.GetValue(seed), "--seed", errors),
                Steps = Range(parse.GetValue(steps), "--steps", errors),
                Cfg = Range(parse.GetValue(cfg), "--cfg", errors),
                Width = Range(parse.GetValue(width), "--width", errors),
                Height = Range(parse.GetValue(height), "--height", errors),
                Since = Date(parse.GetValue(since), "--since", errors),
                Until = Date(parse.GetValue(until), "--until", errors),
            };
            var words = parse.GetValue(prompt);
            if (string.IsNullOrWhiteSpace(words) && filters.IsEmpty)
            {
                errors.Add("give --prompt WORDS or at least one filter (--generator, --model, --lora, --seed, …)");
            }

            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    Console.Error.WriteLine($"dfd: {error}");
                }

                return ExitCodes.Usage;
            }

            var dbPath = CatalogLocation.Resolve(parse.GetValue(db));
            return await CatalogFailures.GuardAsync(dbPath, () =>
            {
                var database = CatalogFailures.OpenExisting(dbPath);
                if (database is null)
                {
                    return Task.FromResult(ExitCodes.Failure);
                }

                IReadOnlyList<PromptHit> hits;
                try
                {
                    hits = new PromptSearch(database).Search(new SearchQuery(words, filters, parse.GetValue(limit)));
                }
                catch (PromptQueryException ex)
                {
                    Console.Error.WriteLine($"dfd: {ex.Message}");
                    return Task.FromResult(ExitCodes.Usage);
                }

                cancellationToken.ThrowIfCancellationRequested();
                Write(hits, parse.GetValue(json), parse.GetValue(csv));
                return Task.FromResult(ExitCodes.Ok);
            });
        });
        return command;
    }

    private static void Write(IReadOnlyList<PromptHit> hits, bool json, bool csv)
    {
        if (json)
        {
            Json.Write(hits);
            return;
        }

        if (csv)
        {
            Console.WriteLine("image_id,path,generator,model,seed,steps,sampler,cfg_scale,width,height,score,prompt");
            foreach (var h in hits)
            {
                Console.WriteLine(string.Join(',', h.ImageId, Csv.Field(h.Path), Csv.Field(h.Generator), Csv.Field(h.Model), h.Seed, h.Steps,
                    Csv.Field(h.Sampler), h.CfgScale?.ToString(CultureInfo.InvariantCulture), h.Width, h.Height,
                    h.Score?.ToString("0.###", CultureInfo.InvariantCulture), Csv.Field(h.Prompt)));
            }

            return;
        }

        if (hits.Count == 0)
        {
            Console.WriteLine("no matching images");
            return;
        }

        Console.WriteLine($"{"id",6}  {"generator",-12} {"model",-28} {"seed",-20} {"steps",5} {"cfg",5}  path");
        foreach (var h in hits)
        {
            Console.WriteLine($"{h.ImageId,6}  {Cut(h.Generator, 12),-12} {Cut(h.Model, 28),-28} {Cut(h.Seed, 20),-20} {h.Steps,5} {h.CfgScale?.ToString("0.#", CultureInfo.InvariantCulture),5}  {h.Path}");
            Console.WriteLine($"        {Cut(h.Prompt?.ReplaceLineEndings(" "), 110)}");
        }

        Console.WriteLine($"{hits.Count} image(s)");
    }

    private static string Cut(string? value, int width) => value is null ? "" : value.Length <= width ? value : value[..(width - 1)] + "…";

    private static ValueRange? Range(string? text, string option, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (ValueRange.TryParse(text, out var range, out var error))
        {
            return range;
        }

        errors.Add($"{option}: {error}");
        return null;
    }

    private static DateTimeOffset? Date(string? text, string option, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }

        errors.Add($"{option}: '{text}' is not a date (use YYYY-MM-DD or an ISO 8601 time)");
        return null;
    }
}
