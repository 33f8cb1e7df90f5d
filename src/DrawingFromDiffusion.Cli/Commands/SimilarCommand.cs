using System.CommandLine;
using System.Globalization;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Cli.Output;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd similar PATH|ID`: images like a catalogued image (its stored vector) or like any file (embedded now).</summary>
internal static class SimilarCommand
{
    public static Command Create()
    {
        var options = new QueryCliOptions();
        var target = new Argument<string>("image") { Description = "a file path (catalogued or not) or a catalog image id" };
        var cutoff = new Option<string>("--cutoff") { Description = "drop weak matches: none, auto (relative to this query's scores) or a cosine", DefaultValueFactory = _ => "none", HelpName = "auto|none|VALUE" };
        cutoff.Accepting(c => Cutoff.TryParse(c, out _), "auto, none or a cosine from -1 to 1");
        var command = new Command("similar", """
            Images that look like the given one, by cosine similarity of the pack's vectors (works with the offline
            resnet18-imagenet pack). A catalogued file uses its stored vector; any other file is embedded on the fly.
            The query image itself is never listed. Same filters and outputs as dfd search.
            Examples:
              dfd similar ~/ai/00042.png -k 10
              dfd similar 1234 --generator comfyui --html like-1234.html
            """)
        {
            target, cutoff,
        };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var filters = options.Filters(parse, errors);
            var value = parse.GetValue(target) ?? "";
            long? id = null;
            string? path = null;
            if (File.Exists(value))
            {
                path = value;
            }
            else if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                id = parsed;
            }
            else
            {
                errors.Add($"'{value}' is neither a file nor a catalog image id");
            }

            var cut = QueryCliOptions.ReadCutoff(parse, cutoff, errors);

            var k = options.K(parse, errors);
            var sort = options.ReadSort(parse, errors);
            if (errors.Count > 0)
            {
                QueryCliOptions.Report(errors);
                return ExitCodes.Usage;
            }

            var query = new ImageQuery([], null, null, 1f, QueryMode.Clip, k, filters, cut, sort, parse.GetValue(options.RandomSeed));
            return await SearchCommand.RunAsync(parse, options, "dfd similar " + value, (database, engine) =>
                SearchQueryService.SimilarAsync(database, engine, new SimilarRequest(id, path, query), StderrLogger.Instance, cancellationToken),
                pg => pg.SimilarAsync(new SimilarRequest(id, path, query), cancellationToken), cancellationToken);
        });
        return command;
    }
}
