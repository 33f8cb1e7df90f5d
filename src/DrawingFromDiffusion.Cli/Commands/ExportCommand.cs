using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DrawingFromDiffusion.App.Export;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Storage;
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
            string? vectorModel = null;
            if (settings.WithVectors)
            {
                var models = new AnalysisInputs(database).Models();
                vectorModel = settings.Model ?? (models.Count > 0 ? models[0].ModelId : null);
                if (vectorModel is null || models.All(m => m.ModelId != vectorModel))
                {
                    await error.WriteLineAsync(vectorModel is null
                        ? "dfd: --with-vectors: this catalog has no vectors yet; run `dfd index` with a model first"
                        : $"dfd: --with-vectors: no vectors of model '{vectorModel}' in this catalog");
                    return ExitCodes.Failure;
                }
            }

            var extras = await ExportExtras.LoadAsync(database, vectorModel, cancellationToken);
            var records = new CatalogQueries(database).Files();
            if (settings.Format == "parquet")
            {
                var rows = records.Select(r => Row(r, extras)).ToList();
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

            foreach (var record in records)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (group, tier, keeper) = extras.GroupOf(record.Path);
                var cluster = extras.ClusterOf(record.ImageId);
                var (adherence, adherenceModel) = extras.AdherenceOf(record.ImageId);
                var vector = extras.VectorOf(record.ImageId);
                if (csv)
                {
                    await writer.WriteLineAsync(string.Join(',', Csv.Field(record.Path), record.ImageId, record.Hash, record.Width, record.Height, record.Format, record.Size, record.Modified.ToString("O", CultureInfo.InvariantCulture), GenerationCsv(record.Generation),
                        group, keeper == true ? "keeper" : tier, cluster, adherence?.ToString("R", CultureInfo.InvariantCulture), Csv.Field(adherenceModel ?? "")) + (vectorModel is null ? "" : "," + string.Join(' ', (vector ?? []).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
                    continue;
                }

                var json = JsonSerializer.SerializeToNode(record, Json.Compact)!.AsObject();
                json["duplicate_group"] = group;
                json["duplicate_tier"] = keeper == true ? "keeper" : tier;
                json["cluster"] = cluster;
                json["adherence"] = adherence;
                json["adherence_model"] = adherenceModel;
                if (vectorModel is not null)
                {
                    json["vector"] = vector is null ? null : new JsonArray([.. vector.Select(v => (JsonNode)v)]);
                }

                await writer.WriteLineAsync(json.ToJsonString(Json.Compact));
            }

            return ExitCodes.Ok;
        });

    private static ExportRow Row(FileRecord r, ExportExtras extras)
    {
        var g = r.Generation;
        var (group, tier, keeper) = extras.GroupOf(r.Path);
        return new ExportRow
        {
            Path = r.Path,
            ImageId = r.ImageId,
            Hash = r.Hash,
            Width = r.Width,
            Height = r.Height,
            Format = r.Format,
            Size = r.Size,
            Modified = r.Modified.UtcDateTime,
            Generator = g?.Generator,
            Prompt = g?.Prompt,
            NegativePrompt = g?.NegativePrompt,
            Model = g?.Model,
            ModelHash = g?.ModelHash,
            Seed = g?.Seed,
            Steps = g?.Steps,
            Sampler = g?.Sampler,
            Scheduler = g?.Scheduler,
            CfgScale = g?.CfgScale,
            GenWidth = g?.Width,
            GenHeight = g?.Height,
            Vae = g?.Vae,
            ClipSkip = g?.ClipSkip,
            Denoise = g?.Denoise,
            Loras = g?.Loras,
            DuplicateGroup = group,
            DuplicateTier = tier,
            DuplicateKeeper = keeper,
            Cluster = extras.ClusterOf(r.ImageId),
            Adherence = extras.AdherenceOf(r.ImageId).Score,
            AdherenceModel = extras.AdherenceOf(r.ImageId).Model,
            Vector = extras.VectorOf(r.ImageId),
        };
    }

    private static string GenerationCsv(GenerationSummary? g) => g is null
        ? new string(',', 15)
        : string.Join(',', Csv.Field(g.Generator), Csv.Field(g.Prompt), Csv.Field(g.NegativePrompt), Csv.Field(g.Model), Csv.Field(g.ModelHash), g.Seed, g.Steps,
            Csv.Field(g.Sampler), Csv.Field(g.Scheduler), g.CfgScale?.ToString(CultureInfo.InvariantCulture), g.Width, g.Height, Csv.Field(g.Vae), g.ClipSkip,
            g.Denoise?.ToString(CultureInfo.InvariantCulture), Csv.Field(g.Loras));
}

internal sealed record ExportSettings(string DbPath, string Format, string? Output, bool WithVectors, string? Model);
