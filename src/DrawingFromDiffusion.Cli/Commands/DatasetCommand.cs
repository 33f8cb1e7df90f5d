using System.CommandLine;
using DrawingFromDiffusion.App.Curation;
using DrawingFromDiffusion.App.Dataset;
using DrawingFromDiffusion.App.Duplicates;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Curation;
using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd dataset export`: a collection as a LoRA training set (kohya_ss, diffusers imagefolder or JSONL).</summary>
internal static class DatasetCommand
{
    public static Command Create() => new("dataset", "Training sets built from collections.") { Export() };

    private static Command Export()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var collection = new Option<string>("--collection") { Description = "the collection to export (dfd collection)", HelpName = "NAME" };
        var output = new Option<string>("--out") { Description = "the folder to write; it must be new or empty (see --overwrite)", HelpName = "DIR" };
        var format = new Option<string>("--format") { Description = "kohya (DIR/<repeats>_<concept>/NAME.png + NAME.txt), diffusers (imagefolder: metadata.jsonl with file_name, text) or jsonl", DefaultValueFactory = _ => "kohya", HelpName = "kohya|diffusers|jsonl" };
        var repeats = new Option<int>("--repeats") { Description = "kohya: how often each image is seen per epoch (the folder's number)", DefaultValueFactory = _ => 10, HelpName = "N" };
        var concept = new Option<string?>("--concept") { Description = "kohya: the folder's concept name (default: the collection's)", HelpName = "NAME" };
        var trigger = new Option<string?>("--trigger") { Description = "a trigger word put first in every caption", HelpName = "WORD" };
        var caption = new Option<string>("--caption") { Description = "prompt (the stored prompt, LoRA tags and emphasis removed) or tags (the stored tags, comma-separated)", DefaultValueFactory = _ => "prompt", HelpName = "prompt|tags" };
        var dedupe = new Option<string>("--dedupe") { Description = $"leave out near-duplicates of these tiers, keeping each group's suggested keeper ({TierSelection.Names}), or none", DefaultValueFactory = _ => TierSelection.Default, HelpName = "TIERS|none" };
        var bucket = new Option<string?>("--bucket") { Description = "resize to aspect buckets made of these side lengths (scaled to cover, centre-cropped, PNG); default: the originals' bytes unchanged", HelpName = "512,768,1024" };
        var overwrite = new Option<bool>("--overwrite") { Description = "replace an earlier dfd dataset export in --out (only the files its manifest.json lists are deleted)" };
        var tag = new Option<string?>("--tag") { Description = "only the collection's images with this tag", HelpName = "NAME" };
        var ratingMin = new Option<int?>("--rating-min") { Description = "only the collection's images rated at least this (0–5)", HelpName = "N" };
        collection.Accepting(CurationNames.IsCollectionName, CurationNames.CollectionRule);
        concept.Accepting(CurationNames.IsCollectionName, "a concept name: letters, digits, '-', '_', '.' or spaces, starting with a letter or digit");
        format.Accepting(f => f is "kohya" or "diffusers" or "jsonl", "kohya, diffusers or jsonl");
        caption.Accepting(c => c is "prompt" or "tags", "prompt or tags");
        dedupe.Accepting(d => d == "none" || TierSelection.Parse(d) is not null, $"{TierSelection.Names} or none");
        bucket.Accepting(b => AspectBuckets.ParseSides(b) is not null, "side lengths from 64 to 8192, comma-separated (e.g. 512,768,1024)");
        trigger.Accepting(t => t.Trim().Length > 0 && !t.Contains(',', StringComparison.Ordinal) && !t.Any(char.IsControl), "a word or phrase without commas");
        repeats.Between(1, 1000);
        ratingMin.Between(0, 5);
        var command = new Command("export", """
            Write a collection as a LoRA training set. Captions come from the stored prompts (LoRA tags and weights
            removed, (word:1.2), ((word)) and [word] read as the word) or from the stored tags, with an optional trigger
            word first. Near-duplicates are left out (each group's suggested keeper stays); report.json says what was
            left out and why, manifest.json lists every source and output with its hashes. Originals are only read.
            --out must be new or empty; --overwrite replaces only an earlier dfd export there.
            Examples:
              dfd dataset export --collection thesis-ch2 --out ~/train/ink --format kohya --repeats 10 --trigger inkstyle
              dfd dataset export --collection thesis-ch2 --out ~/train/ink-hf --format diffusers --bucket 512,768,1024
            """)
        {
            collection, output, format, repeats, concept, trigger, caption, dedupe, bucket, overwrite, tag, ratingMin, db, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            // Checked here rather than as required options, so that a bad value elsewhere stays the one line reported.
            if (parse.GetValue(collection) is null || parse.GetValue(output) is null)
            {
                Console.Error.WriteLine("dfd: say which collection to export and where: --collection NAME --out DIR");
                return Task.FromResult(ExitCodes.Usage);
            }

            var request = new DatasetExportRequest(
                parse.GetValue(collection)!,
                parse.GetValue(output)!,
                Enum.Parse<DatasetFormat>(parse.GetValue(format)!, ignoreCase: true),
                parse.GetValue(repeats),
                parse.GetValue(concept),
                parse.GetValue(trigger)?.Trim(),
                parse.GetValue(caption) == "tags" ? CaptionSource.Tags : CaptionSource.Prompt,
                parse.GetValue(dedupe) is "none" ? null : parse.GetValue(dedupe),
                parse.GetValue(bucket) is { } b ? AspectBuckets.ParseSides(b) : null,
                parse.GetValue(overwrite))
            {
                Filters = new SearchFilters { Tag = parse.GetValue(tag), RatingMin = parse.GetValue(ratingMin) },
            };
            return CurationCli.RunAsync(parse, db, async service =>
            {
                DatasetExportResult result;
                using (var progress = ProgressRenderer.For(Console.Error))
                {
                    try
                    {
                        result = await DatasetExportService.ExportAsync(service.Database, request, progress, cancellationToken);
                    }
                    catch (DatasetExportException ex)
                    {
                        progress.Finish();
                        Console.Error.WriteLine($"dfd: {ex.Message}");
                        return ExitCodes.Usage;
                    }
                }

                foreach (var notice in result.Notices)
                {
                    Console.Error.WriteLine($"dfd: {notice}");
                }

                if (parse.GetValue(json))
                {
                    Json.Write(result);
                    return ExitCodes.Ok;
                }

                Console.WriteLine($"exported {result.Images.Count} of {result.Asked} image(s) of {result.Collection} to {result.Out} ({result.Format})");
                foreach (var reason in result.Dropped.GroupBy(d => d.Tier is { } t ? $"near-duplicate ({t})" : d.Reason).OrderByDescending(g => g.Count()))
                {
                    Console.WriteLine($"  left out {reason.Count()}: {reason.Key}");
                }

                foreach (var warning in result.Warnings.Take(10))
                {
                    Console.WriteLine($"  warning: {(warning.Length > 200 ? warning[..200] + " … (all in report.json)" : warning)}");
                }

                if (result.Warnings.Count > 10)
                {
                    Console.WriteLine($"  … {result.Warnings.Count - 10} more warning(s)");
                }

                Console.WriteLine($"  report: {Path.Combine(result.Out, "report.json")}; manifest (sources, outputs, SHA-256): {Path.Combine(result.Out, "manifest.json")}");
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
