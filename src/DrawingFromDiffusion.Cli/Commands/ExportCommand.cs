using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DrawingFromDiffusion.App.Export;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Catalog;
using Parquet.Serialization;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd export`: one record per catalogued file, for scripts and analysis in Python or R.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var format = new Option<string>("--format") { Description = "jsonl, csv or parquet (parquet needs --output)", DefaultValueFactory = _ => "jsonl", HelpName = "jsonl|csv|parquet" };
        format.Accepting(f => f is "jsonl" or "csv" or "parquet", "jsonl, csv or parquet");
        var output = new Option<string?>("--output", "-o") { Description = "write to this file instead of stdout", HelpName = "FILE" };
        var withVectors = new Option<bool>("--with-vectors") { Description = "add each image's embedding (of --model, default: the model with the most vectors)" };
        var model = new Option<string?>("--model") { Description = "whose vectors --with-vectors exports", HelpName = "ID" };
        var command = new Command("export", """
            Write one record per file: path, image id, hash, width, height, format, size, modified, the generation
            metadata, the duplicate group (`dfd dupes` at its defaults), the stored cluster (`dfd clusters`), the stored
            prompt adherence and its model (`dfd adherence`; with --with-vectors, that model's), and with --with-vectors
            the image embedding.
            Examples:
              dfd export > catalog.jsonl
              dfd export --format csv -o catalog.csv
              dfd export --format parquet --with-vectors -o catalog.parquet
            """)
        {
            db, format, output, withVectors, model,
        };
        command.Validators.Add(result =>
        {
            if (result.Checked(format) == "parquet" && result.Checked(output) is null)
            {
                result.AddError("--format parquet writes a binary file: give it with --output FILE");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new ExportSettings(CatalogLocation.Resolve(parse.GetValue(db)), parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(withVectors), parse.GetValue(model));
            return await RunAsync(settings, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    public static Task<int> RunAsync(ExportSettings settings, TextWriter stdout, TextWriter error, CancellationToken cancellationToken) =>
        CatalogFailures.WithExistingCatalogAsync(settings.DbPath, async database =>
        {
            ExportResult export;
            try
            {
                using var progress = ProgressRenderer.For(error);
                export = await ExportService.LoadAsync(database, new ExportRequest(settings.WithVectors, settings.Model), progress, cancellationToken);
            }
            catch (ExportUnavailableException ex)
            {
                await error.WriteLineAsync($"dfd: {ex.Message}");
                return ExitCodes.Failure;
            }

            var vectorModel = export.VectorModel;
            if (settings.Format == "parquet")
            {
                var rows = export.Items.Select(ExportRow.From).ToList();
                await using var file = File.Create(settings.Output!);
                await ParquetSerializer.SerializeAsync(rows, file, cancellationToken: cancellationToken);
                await error.WriteLineAsync($"dfd: wrote {rows.Count} rows to {Path.GetFullPath(settings.Output!)}");
                return ExitCodes.Ok;
            }

            await using var writer = settings.Output is null ? stdout : new StreamWriter(settings.Output);
            var csv = settings.Format == "csv";
            if (csv)
            {
                await writer.WriteLineAsync("path,image_id,hash,width,height,format,size,modified,generator,prompt,negative_prompt,model,model_hash,seed,steps,sampler,scheduler,cfg_scale,gen_width,gen_height,vae,clip_skip,denoise,loras,duplicate_group,duplicate_tier,cluster,adherence,adherence_model"
                    + (vectorModel is null ? "" : ",vector"));
            }

            foreach (var item in export.Items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var record = item.Record;
                var tier = item.Keeper == true ? "keeper" : item.Tier;
                if (csv)
                {
                    await writer.WriteLineAsync(string.Join(',', Csv.Field(record.Path), record.ImageId, record.Hash, record.Width, record.Height, record.Format, record.Size, record.Modified.ToString("O", CultureInfo.InvariantCulture), GenerationCsv(record.Generation),
                        item.Group, tier, item.Cluster, item.Adherence?.ToString("R", CultureInfo.InvariantCulture), Csv.Field(item.AdherenceModel ?? "")) + (vectorModel is null ? "" : "," + string.Join(' ', (item.Vector ?? []).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
                    continue;
                }

                var json = JsonSerializer.SerializeToNode(record, Json.Compact)!.AsObject();
                json["duplicate_group"] = item.Group;
                json["duplicate_tier"] = tier;
                json["cluster"] = item.Cluster;
                json["adherence"] = item.Adherence;
                json["adherence_model"] = item.AdherenceModel;
                if (vectorModel is not null)
                {
                    json["vector"] = item.Vector is null ? null : new JsonArray([.. item.Vector.Select(v => (JsonNode)v)]);
                }

                await writer.WriteLineAsync(json.ToJsonString(Json.Compact));
            }

            return ExitCodes.Ok;
        });

    private static string GenerationCsv(GenerationSummary? g) => g is null
        ? new string(',', 15)
        : string.Join(',', Csv.Field(g.Generator), Csv.Field(g.Prompt), Csv.Field(g.NegativePrompt), Csv.Field(g.Model), Csv.Field(g.ModelHash), g.Seed, g.Steps,
            Csv.Field(g.Sampler), Csv.Field(g.Scheduler), g.CfgScale?.ToString(CultureInfo.InvariantCulture), g.Width, g.Height, Csv.Field(g.Vae), g.ClipSkip,
            g.Denoise?.ToString(CultureInfo.InvariantCulture), Csv.Field(g.Loras));
}

internal sealed record ExportSettings(string DbPath, string Format, string? Output, bool WithVectors, string? Model);
