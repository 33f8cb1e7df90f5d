using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd export`: one record per catalogued file, for scripts and analysis.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var format = new Option<string>("--format") { Description = "jsonl or csv", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<string?>("--output", "-o") { Description = "write to this file instead of stdout", HelpName = "FILE" };
        var command = new Command("export", "Write one record per file (path, image id, hash, width, height, format, size, modified, and the generation metadata).\nExamples:\n  dfd export > catalog.jsonl\n  dfd export --format csv -o catalog.csv") { db, format, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dbPath = CatalogLocation.Resolve(parse.GetValue(db));
            return await CatalogFailures.GuardAsync(dbPath, async () =>
            {
                var database = CatalogFailures.OpenExisting(dbPath);
                if (database is null)
                {
                    return ExitCodes.Failure;
                }

                var path = parse.GetValue(output);
                await using var writer = path is null ? Console.Out : new StreamWriter(path);
                var csv = parse.GetValue(format) == "csv";
                if (csv)
                {
                    await writer.WriteLineAsync("path,image_id,hash,width,height,format,size,modified,generator,prompt,negative_prompt,model,model_hash,seed,steps,sampler,scheduler,cfg_scale,gen_width,gen_height,vae,clip_skip,denoise,loras");
                }

                foreach (var record in new CatalogQueries(database).Files())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await writer.WriteLineAsync(csv
                        ? string.Join(',', Csv.Field(record.Path), record.ImageId, record.Hash, record.Width, record.Height, record.Format, record.Size, record.Modified.ToString("O", CultureInfo.InvariantCulture), GenerationCsv(record.Generation))
                        : JsonSerializer.Serialize(record, Json.Compact));
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static string GenerationCsv(GenerationSummary? g) => g is null
        ? new string(',', 15)
        : string.Join(',', Csv.Field(g.Generator), Csv.Field(g.Prompt), Csv.Field(g.NegativePrompt), Csv.Field(g.Model), Csv.Field(g.ModelHash), g.Seed, g.Steps,
            Csv.Field(g.Sampler), Csv.Field(g.Scheduler), g.CfgScale?.ToString(CultureInfo.InvariantCulture), g.Width, g.Height, Csv.Field(g.Vae), g.ClipSkip,
            g.Denoise?.ToString(CultureInfo.InvariantCulture), Csv.Field(g.Loras));
}
