using System.CommandLine;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Tagging;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Onnx.Tagging;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd tag --auto`: tags from pixels with a WD14 tagger pack, stored for `--tag` filters.</summary>
internal static class TagCommand
{
    private const int BatchSize = 32;
    private const long MaxPixels = 100_000_000;

    public static Command Create()
    {
        var auto = new Option<bool>("--auto") { Description = "tag every catalogued image the tagger pack has not tagged yet" };
        var threshold = new Option<float>("--threshold") { Description = "smallest score of a general tag", DefaultValueFactory = _ => 0.35f, HelpName = "X" };
        var characterThreshold = new Option<float>("--character-threshold") { Description = "smallest score of a character tag", DefaultValueFactory = _ => 0.85f, HelpName = "X" };
        threshold.Between(0f, 1f);
        characterThreshold.Between(0f, 1f);
        var model = new Option<string?>("--model") { Description = "the tagger pack (default: the one installed tagger pack)", HelpName = "ID" };
        var retag = new Option<bool>("--retag") { Description = "tag again images this pack already tagged (after changing thresholds)" };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var device = new DeviceCliOptions();
        var command = new Command("tag", """
            Tags from pixels with a WD14 tagger pack (SmilingWolf's wd-v1-4 / wd-v3: model.onnx + selected_tags.csv,
            installed with `dfd models add DIR`): the best rating, general tags at or above --threshold and characters
            at or above --character-threshold, stored with their scores; then `dfd search --tag NAME` finds them.
            Examples:
              dfd tag --auto
              dfd tag --auto --threshold 0.5 --retag --model wd-v1-4-vit-tagger-v2
            """) { auto, threshold, characterThreshold, model, retag, db, json };
        foreach (var option in device.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!parse.GetValue(auto))
            {
                Console.Error.WriteLine("dfd: say --auto to tag the catalogued images");
                return ExitCodes.Usage;
            }

            var store = ModelStore.Open();
            var taggers = store.List().Select(p => p.Pack).Where(p => p is { Manifest.Family: "tagger" }).ToList();
            var pack = parse.GetValue(model) is { } id ? store.Find(id) : taggers.Count == 1 ? taggers[0] : null;
            if (pack is not { Manifest.Family: "tagger" })
            {
                Console.Error.WriteLine(parse.GetValue(model) is { } asked
                    ? $"dfd: '{asked}' is not an installed tagger pack"
                    : taggers.Count == 0 ? "dfd: no tagger pack installed: `dfd models add DIR` with a WD14 folder (model.onnx + selected_tags.csv)" : $"dfd: several tagger packs: pick one with --model ({string.Join(", ", taggers.Select(t => t!.Id))})");
                return ExitCodes.Usage;
            }

            var thresholds = new TagThresholds(parse.GetValue(threshold), parse.GetValue(characterThreshold));
            return await CatalogFailures.WithExistingCatalogAsync(CatalogLocation.Resolve(parse.GetValue(db)), database =>
            {
                using var tagger = new OnnxTagger(pack, new OnnxSessionFactory(device.Read(parse)));
                var tags = new TagStore(database);
                var todo = tags.Untagged(pack.Id, parse.GetValue(retag));
                var (tagged, failed, picked) = (0, 0, 0);
                foreach (var chunk in todo.Chunk(BatchSize))
                {
                    var batch = new List<(long, IReadOnlyList<ImageTag>)>(chunk.Length);
                    foreach (var (imageId, path) in chunk)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        try
                        {
                            using var file = File.OpenRead(path);
                            var chosen = tagger.Pick(tagger.Scores(tagger.Prepare(file, MaxPixels)), thresholds);
                            batch.Add((imageId, chosen));
                            picked += chosen.Count;
                        }
                        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ImageRejectedException)
                        {
                            failed++;
                            Console.Error.WriteLine($"dfd: {path}: {ex.Message}");
                        }
                    }

                    tags.Save(pack.Id, batch);
                    tagged += batch.Count;
                    Console.Error.WriteLine($"dfd: tagged {tagged} of {todo.Count} image(s)");
                }

                if (parse.GetValue(json))
                {
                    Json.Write(new { model = pack.Id, tagged, failed, tags = picked, threshold = thresholds.General, character_threshold = thresholds.Character });
                }
                else
                {
                    Console.WriteLine($"{pack.Id}: tagged {tagged} image(s), {picked} tag(s); {failed} failed");
                }

                return Task.FromResult(failed == 0 ? ExitCodes.Ok : ExitCodes.Failure);
            });
        });
        return command;
    }
}
