using System.CommandLine;
using DrawingFromDiffusion.Cli.Output;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd tag add|remove TAGS IMAGE…` and `dfd tag list [IMAGE]`: manual tags.</summary>
internal static partial class TagCommand
{
    private static Command Add(bool add)
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var tags = CurationCli.Tags();
        var images = CurationCli.Images();
        var command = new Command(add ? "add" : "remove", add
            ? "Give images one or more tags by hand (comma-separated). Example: dfd tag add keep,portrait 42 ~/ai/best"
            : "Take manual tags off images (a tagger pack's tags stay). Example: dfd tag remove keep 42")
        {
            tags, images, db, json,
        };
        command.SetAction((parse, cancellationToken) => CurationCli.RunAsync(parse, db, service =>
        {
            var ids = CurationCli.Resolve(service, parse.GetValue(images)!);
            if (ids is null)
            {
                return ExitCodes.BadInput;
            }

            var change = service.Tag(ids, CurationCli.SplitTags(parse.GetValue(tags)!), add);
            if (parse.GetValue(json))
            {
                Json.Write(change);
            }
            else
            {
                Console.WriteLine($"{(add ? "added" : "removed")} {string.Join(", ", change.Tags)} {(add ? "to" : "from")} {change.Images} image(s) ({change.Changed} change(s))");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var image = new Argument<string?>("image") { Description = "list this image's tags (an id or a catalogued file) instead of every tag", Arity = ArgumentArity.ZeroOrOne, HelpName = "ID|PATH" };
        var all = new Option<bool>("--all") { Description = "with the tagger packs' tags too, not only manual ones" };
        var command = new Command("list", "Every manual tag with how many images carry it (--all: the tagger packs' too), or one image's tags.") { image, all, db, json };
        command.SetAction((parse, cancellationToken) => CurationCli.RunAsync(parse, db, service =>
        {
            if (parse.GetValue(image) is { } reference)
            {
                var ids = CurationCli.Resolve(service, [reference]);
                if (ids is null)
                {
                    return ExitCodes.BadInput;
                }

                // A folder names several images: a line each, or a JSON array.
                var perImage = ids.Select(id => new { image_id = id, tags = service.TagsOf(id) }).ToList();
                if (parse.GetValue(json))
                {
                    Json.Write<object>(perImage.Count == 1 ? perImage[0] : perImage);
                    return ExitCodes.Ok;
                }

                foreach (var entry in perImage)
                {
                    Console.WriteLine($"image {entry.image_id}: {(entry.tags.Count == 0 ? "no tags" : string.Join(", ", entry.tags.Select(t => t.Source == "user" ? t.Name : $"{t.Name} ({t.Source} {t.Score:0.00})")))}");
                }

                return ExitCodes.Ok;
            }

            var tags = service.Tags(parse.GetValue(all));
            if (parse.GetValue(json))
            {
                Json.Write(new { tags });
                return ExitCodes.Ok;
            }

            if (tags.Count == 0)
            {
                Console.Error.WriteLine("dfd: no manual tags yet (dfd tag add TAG IMAGE…)");
            }

            foreach (var tag in tags)
            {
                Console.WriteLine($"{tag.Images,7}  {tag.Name}{(tag.Manual ? "" : "  (tagger)")}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
