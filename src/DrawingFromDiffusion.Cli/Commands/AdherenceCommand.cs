using System.CommandLine;
using System.Globalization;
using System.Numerics.Tensors;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;

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
                using var engine = SearchEngine.Open(database, parse.GetValue(pack), device.Read(parse), logger: StderrLogger.Instance);
                if (engine.Pack is not { HasText: true } clip)
                {
                    Console.Error.WriteLine($"dfd: adherence needs a CLIP pack with a text tower: {engine.PackProblem ?? $"pack '{engine.Pack?.Id}' has no text tower"}; {SearchEngine.PullHint}, then dfd index");
                    return ExitCodes.Failure;
                }

                List<(long ImageId, double Score)> scores;
                try
                {
                    var index = await engine.IndexAsync(cancellationToken);
                    var prompts = engine.Catalog.PromptsWithVectors(clip.Id);
                    scores = new List<(long, double)>(prompts.Count);
                    foreach (var (imageId, prompt) in prompts)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (index.ReadStoredVector(imageId) is not { } vector)
                        {
                            continue;
                        }

                        var text = engine.EmbedText(prompt);
                        scores.Add((imageId, TensorPrimitives.CosineSimilarity(vector, text)));
                    }
                }
                catch (Exception ex) when (ex is SearchUnavailableException or ModelPackException or GpuUnavailableException)
                {
                    Console.Error.WriteLine($"dfd: {ex.Message}");
                    return ExitCodes.Failure;
                }

                engine.Catalog.SaveAdherence(clip.Id, scores);
                Console.Error.WriteLine($"dfd: stored adherence of {scores.Count} image(s) with a prompt for {clip.Id}");
                var threshold = parse.GetValue(below);
                var listed = scores.Where(s => threshold is null || s.Score < threshold).OrderBy(s => s.Score).Take(Math.Max(1, parse.GetValue(limit))).ToList();
                var rows = engine.Catalog.Rows(listed.Select(s => s.ImageId), clip.Id);
                var items = listed.Where(s => rows.ContainsKey(s.ImageId)).Select(s => rows[s.ImageId]).ToList();
                if (parse.GetValue(json))
                {
                    Json.Write(new
                    {
                        model = clip.Id,
                        scored = scores.Count,
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
