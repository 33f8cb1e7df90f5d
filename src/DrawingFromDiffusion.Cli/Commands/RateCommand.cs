using System.CommandLine;
using DrawingFromDiffusion.Cli.Output;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd rate ID… STARS` and `dfd fav ID…`: stars and favourites, kept on the image's content.</summary>
internal static class RateCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var arguments = new Argument<string[]>("images-then-stars")
        {
            Description = "catalog image ids, catalogued files or folders, then the rating: 0 to 5 stars, or none to clear it",
            Arity = new ArgumentArity(2, ArgumentArity.OneOrMore.MaximumNumberOfValues),
            HelpName = "ID|PATH… STARS",
        };
        arguments.Validators.Add(result =>
        {
            if (result.Tokens.Count >= 2 && Stars(result.Tokens[^1].Value) is null)
            {
                result.AddError($"STARS takes 0 to 5, or none to clear the rating; got '{result.Tokens[^1].Value}'");
            }
        });
        var command = new Command("rate", """
            Rate images from 0 to 5 stars (none clears the rating). Ratings stay with the picture when its file moves.
            Then `dfd search --rating-min 4` (and similar, dupes, dataset export) keeps only the images rated that high.
            Examples:
              dfd rate 42 5
              dfd rate ~/ai/keepers 4
              dfd rate 42 43 none
            """) { arguments, db, json };
        command.SetAction((parse, cancellationToken) =>
        {
            var values = parse.GetValue(arguments)!;
            var stars = Stars(values[^1])!.Value;
            return CurationCli.RunAsync(parse, db, service =>
            {
                var ids = CurationCli.Resolve(service, values[..^1]);
                if (ids is null)
                {
                    return ExitCodes.BadInput;
                }

                service.Rate(ids, stars < 0 ? null : stars);
                if (parse.GetValue(json))
                {
                    Json.Write(new { images = ids, rating = stars < 0 ? (int?)null : stars });
                }
                else
                {
                    Console.WriteLine(stars < 0 ? $"cleared the rating of {ids.Count} image(s)" : $"rated {ids.Count} image(s) {stars} star(s)");
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    public static Command CreateFavourite()
    {
        var db = CommonOptions.Db();
        var images = CurationCli.Images();
        var remove = new Option<bool>("--remove") { Description = "take the favourite mark off instead" };
        var command = new Command("fav", """
            Mark images as favourites (kept with the picture when its file moves); `dfd search --favourites` lists them.
            Examples:
              dfd fav 42 43
              dfd fav --remove 42
            """) { images, remove, db };
        command.SetAction((parse, cancellationToken) => CurationCli.RunAsync(parse, db, service =>
        {
            var ids = CurationCli.Resolve(service, parse.GetValue(images)!);
            if (ids is null)
            {
                return ExitCodes.BadInput;
            }

            var favourite = !parse.GetValue(remove);
            service.Favourite(ids, favourite);
            Console.WriteLine(favourite ? $"marked {ids.Count} image(s) as favourites" : $"unmarked {ids.Count} image(s)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>0–5, or -1 for none; null for anything else.</summary>
    private static int? Stars(string text) => text.ToLowerInvariant() switch
    {
        "none" or "clear" => -1,
        { Length: 1 } digit when digit[0] is >= '0' and <= '5' => digit[0] - '0',
        _ => null,
    };
}
