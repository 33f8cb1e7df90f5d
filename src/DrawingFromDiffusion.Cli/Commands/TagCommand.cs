using System.CommandLine;
using DrawingFromDiffusion.App.Tagging;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Onnx.Models;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd tag --auto`: tags from pixels with a WD14 tagger pack; `dfd tag add|remove|list`: tags by hand. Both serve `--tag` filters.</summary>
internal static partial class TagCommand
{
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
            Tags by hand: `dfd tag add`, `dfd tag remove`, `dfd tag list` (kept with the picture when its file moves).
            Examples:
              dfd tag --auto
              dfd tag --auto --threshold 0.5 --retag --model wd-v1-4-vit-tagger-v2
              dfd tag add keep,portrait 42 43 ~/ai/best
              dfd tag list --all
            """) { auto, threshold, characterThreshold, model, retag, db, json, Add(true), Add(false), List() };
        foreach (var option in device.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!parse.GetValue(auto))
            {
                Console.Error.WriteLine("dfd: say --auto to tag the catalogued images with a tagger pack, or tag by hand with dfd tag add|remove|list");
                return ExitCodes.Usage;
            }

            ModelPack pack;
            try
            {
                pack = TagService.FindPack(parse.GetValue(model));
            }
            catch (TagUnavailableException ex)
            {
                Console.Error.WriteLine($"dfd: {ex.Message}");
                return ExitCodes.Usage;
            }

            var request = new TagRequest(device.Read(parse), parse.GetValue(threshold), parse.GetValue(characterThreshold), parse.GetValue(retag));
            return await CatalogFailures.WithExistingCatalogAsync(CatalogLocation.Resolve(parse.GetValue(db)), database =>
            {
                TagResult result;
                using (var progress = ProgressRenderer.For(Console.Error))
                {
                    result = TagService.Run(database, pack, request, progress, StderrLogger.Instance, cancellationToken);
                }

                if (parse.GetValue(json))
                {
                    Json.Write(new { model = result.PackId, tagged = result.Tagged, failed = result.Failed, tags = result.Picked, threshold = result.General, character_threshold = result.Character });
                }
                else
                {
                    Console.WriteLine($"{result.PackId}: tagged {result.Tagged} image(s), {result.Picked} tag(s); {result.Failed} failed");
                }

                return Task.FromResult(result.Failed == 0 ? ExitCodes.Ok : ExitCodes.Failure);
            });
        });
        return command;
    }
}
