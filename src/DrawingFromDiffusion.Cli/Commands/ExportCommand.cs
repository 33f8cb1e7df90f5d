using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DrawingFromDiffusion.Cli.Output;
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
        var command = new Command("export", "Write one record per file (path, image id, hash, width, height, format, size, modified).\nExamples:\n  dfd export > catalog.jsonl\n  dfd export --format csv -o catalog.csv") { db, format, output };
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
                    await writer.WriteLineAsync("path,image_id,hash,width,height,format,size,modified");
                }

                foreach (var record in new CatalogQueries(database).Files())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await writer.WriteLineAsync(csv
                        ? string.Join(',', Csv.Field(record.Path), record.ImageId, record.Hash, record.Width, record.Height, record.Format, record.Size, record.Modified.ToString("O", CultureInfo.InvariantCulture))
                        : JsonSerializer.Serialize(record, Json.Compact));
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
