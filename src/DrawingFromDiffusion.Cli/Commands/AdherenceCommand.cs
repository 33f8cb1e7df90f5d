using System.CommandLine;
using System.Globalization;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.App.Querying;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>
/// `dfd adherence`: cosine between each image's vector and its own stored prompt through the same pack's text tower,
/// stored in the catalog so that `dfd search --sort adherence` and `--adherence-below` can use it.
/// </summary>
internal static class AdherenceCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var below = new Option<double?>("--below") { Description = "list only images scoring below this cosine", HelpName = "X" };
        var pack = new Option<string?>("--pack") { Description = "CLIP pack (default: an installed CLIP pack with vectors in the catalog)", HelpName = "ID" };
        var limit = new Option<int>("-k", "--limit", "-n") { Description = "list at most this many (lowest first)", DefaultValueFactory = _ => 50, HelpName = "N" };
        below.Between(-1.0, 1.0);
        limit.Between(1, 100_000);
        var device = new DeviceCliOptions();
        var command = new Command("adherence", """
            Prompt adherence: how well each image matches its own stored prompt, as the cosine between the image's vector
            and the prompt through the CLIP text tower (CLIP packs only; the offline image pack has no text tower).
            Low scores find generations that ignored their prompt. Scores are stored in the catalog; then
            dfd search … --sort adherence   or   --adherence-below X   use them.
            Examples:
              dfd adherence --below 0.2
              dfd adherence --json > adherence.json
            """) { db, json, below, pack, limit };
        foreach (var option in device.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var dbPath = CatalogLocation.Resolve(parse.GetValue(db));
            return await CatalogFailures.WithExistingCatalogAsync(dbPath, async database =>
            {
                AdherenceResult result;
                try
                {
                    result = await AdherenceService.RunAsync(database, new AdherenceRequest(parse.GetValue(pack), device.Read(parse), parse.GetValue(below), parse.GetValue(limit)), StderrLogger.Instance, cancellationToken);
                }
                catch (SearchUnavailableException ex)
                {
                    Console.Error.WriteLine($"dfd: {ex.Message}");
                    return ExitCodes.Failure;
                }

                Console.Error.WriteLine($"dfd: stored adherence of {result.Scored} image(s) with a prompt for {result.ModelId}");
                var threshold = result.Below;
                var items = result.Listed;
                if (parse.GetValue(json))
                {
                    Json.Write(new
                    {
                        model = result.ModelId,
                        scored = result.Scored,
                        below = threshold,
                        results = items.Select(r => new { image_id = r.ImageId, path = r.Path, adherence = Math.Round(r.Adherence ?? 0, 6), generator = r.Generator, model = r.Model, prompt = r.Prompt }),
                    });
                    return ExitCodes.Ok;
                }

                foreach (var r in items)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.ImageId,6}  {r.Adherence,7:0.0000}  {r.Path}"));
                    Console.WriteLine($"        {(r.Prompt is { Length: > 100 } p ? p[..99] + "…" : r.Prompt)?.ReplaceLineEndings(" ")}");
                }

                Console.WriteLine($"{items.Count} image(s){(threshold is null ? "" : string.Create(CultureInfo.InvariantCulture, $" below {threshold}"))}, lowest adherence first");
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
