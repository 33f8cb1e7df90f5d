using System.CommandLine;
using DrawingFromDiffusion.App.Grids;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Grids;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd grid`: an X/Y comparison grid of images that share a prompt and differ in one parameter.</summary>
internal static class GridCommand
{
    public static Command Create()
    {
        var vary = new Option<string>("--vary") { Description = "the parameter the columns vary: lora, checkpoint, seed or cfg", Required = true, HelpName = "lora|checkpoint|seed|cfg" }
            .Accepting(v => Enum.TryParse<GridAxis>(v, ignoreCase: true, out _), "lora, checkpoint, seed or cfg");
        var group = new Option<string?>("--prompt-group") { Description = "which prompt: words of it, or the id of one of its images (without it: list the prompt groups)", HelpName = "WORDS-OR-ID" };
        var output = new Option<string?>("--out") { Description = "folder for grid.html and grid.png (default: grid-<vary>-<first image id>)", HelpName = "DIR" };
        var pack = new Option<string?>("--pack") { Description = "CLIP pack for per-cell adherence (default: as dfd search)", HelpName = "ID" };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var device = new DeviceCliOptions();
        var command = new Command("grid", """
            Rebuild an X/Y comparison grid from the catalog, like A1111's X/Y plot: images whose prompts are the same
            (LoRA tags, case and spacing aside) and that differ in --vary, the other parameters equal; one row per
            combination of the others. Writes grid.html (thumbnails linked to the files) and grid.png (labelled axes);
            each cell shows its CLIP adherence to the prompt when a pack with a text tower is installed.
            Examples:
              dfd grid --vary seed                       (list prompt groups with seeds to compare)
              dfd grid --vary lora --prompt-group "ink portrait" --out grids/ink
            """) { vary, group, output, pack, db, json };
        foreach (var option in device.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var axis = Enum.Parse<GridAxis>(parse.GetValue(vary)!, ignoreCase: true);
            var dbPath = CatalogLocation.Resolve(parse.GetValue(db));
            return await CatalogFailures.WithExistingCatalogAsync(dbPath, async database =>
            {
                var request = new GridRequest(axis, parse.GetValue(group), parse.GetValue(pack), device.Read(parse));
                var result = await GridService.RunAsync(database, request, StderrLogger.Instance, cancellationToken);
                if (request.PromptGroup is { } asked && result.Chosen is null)
                {
                    Console.Error.WriteLine($"dfd: no prompt group matching '{asked}' has images differing only in {GridSheets.AxisName(axis)}; `dfd grid --vary {axis.ToString().ToLowerInvariant()}` lists them");
                    return ExitCodes.Failure;
                }

                if (result.Chosen is not { } grid)
                {
                    WriteList(result, parse.GetValue(json));
                    return ExitCodes.Ok;
                }

                var folder = parse.GetValue(output) ?? $"grid-{axis.ToString().ToLowerInvariant()}-{grid.ImageIds.Min()}";
                var files = GridSheets.Write(folder, result, database);
                if (parse.GetValue(json))
                {
                    Json.Write(new
                    {
                        vary = axis.ToString().ToLowerInvariant(),
                        prompt = grid.Prompt,
                        columns = grid.Columns,
                        rows = grid.Rows.Select(r => new { label = r.Label, cells = r.Cells.Select(c => new { column = grid.Columns[c.Column], image_id = c.ImageId, adherence = result.Adherence.TryGetValue(c.ImageId, out var a) ? Math.Round(a, 4) : (double?)null }) }),
                        adherence_model = result.AdherenceModel,
                        note = result.AdherenceNote,
                        files,
                    });
                }
                else
                {
                    Console.WriteLine($"{grid.Rows.Count} row(s) × {grid.Columns.Count} {GridSheets.AxisName(axis)} value(s), {grid.Images} images: {string.Join(", ", files)}");
                    if (result.AdherenceNote is { } note)
                    {
                        Console.Error.WriteLine($"dfd: {note}");
                    }
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static void WriteList(GridResult result, bool json)
    {
        var shown = result.Grids.Take(20).ToList();
        if (json)
        {
            Json.Write(new { vary = result.Axis.ToString().ToLowerInvariant(), groups = shown.Select(g => new { prompt = g.Prompt, first_image_id = g.ImageIds.Min(), images = g.Images, rows = g.Rows.Count, columns = g.Columns }) });
            return;
        }

        if (shown.Count == 0)
        {
            Console.WriteLine($"No prompt group has images that differ only in {GridSheets.AxisName(result.Axis)}.");
            return;
        }

        Console.WriteLine($"Prompt groups with images differing only in {GridSheets.AxisName(result.Axis)} (pass one with --prompt-group ID):");
        foreach (var g in shown)
        {
            var prompt = g.Prompt.Length > 70 ? g.Prompt[..69] + "…" : g.Prompt;
            Console.WriteLine($"  {g.ImageIds.Min(),8}  {g.Images,4} images  {g.Columns.Count,3} values  {prompt}");
        }
    }
}
