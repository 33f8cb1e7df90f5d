using System.CommandLine;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd search`: text → CLIP vectors fused with prompt BM25 (hybrid), or prompt words alone, with catalog filters.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var options = new QueryCliOptions();
        var text = new Argument<string[]>("text") { Description = "what to find; \"a + b - c\" adds and subtracts terms, \"2:fox\" weights one", Arity = ArgumentArity.ZeroOrMore };
        var prompt = new Option<string?>("--prompt") { Description = "words in the stored prompt (FTS5): all must appear; \"a phrase\", prefix*, OR, NOT work", HelpName = "WORDS" };
        var mode = new Option<string>("--mode") { Description = "clip, prompt or hybrid (default: hybrid when the pack has a text tower, else prompt)", DefaultValueFactory = _ => "auto", HelpName = "auto|clip|prompt|hybrid" };
        var image = new Option<string?>("--image") { Description = "mix an outside image file into the query vector", HelpName = "PATH" };
        var imageWeight = new Option<float>("--image-weight") { Description = "weight of --image in the query", DefaultValueFactory = _ => 1f, HelpName = "W" };
        var not = new Option<string[]>("--not") { Description = "subtract this text from the query (repeatable)", HelpName = "TEXT", AllowMultipleArgumentsPerToken = false };
        mode.Accepting(m => m is "auto" or "clip" or "prompt" or "hybrid", "auto, clip, prompt or hybrid");
        var cutoff = new Option<string>("--cutoff") { Description = "drop weak CLIP matches: auto (relative to this query's scores), none, or a cosine", DefaultValueFactory = _ => "auto", HelpName = "auto|none|VALUE" };
        cutoff.Accepting(c => Cutoff.TryParse(c, out _), "auto, none or a cosine from -1 to 1");
        var command = new Command("search", """
            Find images by what they show (CLIP text search over the vectors), by the words of their stored prompts (BM25),
            or both fused by reciprocal rank (hybrid, the default when the pack has a text tower). Filters apply inside the
            ranking and combine with AND; they also work alone. stderr says which mode ran and why.
            Examples:
              dfd search "watercolor fox + night - people" -k 20
              dfd search "2:fox forest" --not blurry --generator comfyui --html fox.html
              dfd search "castle" --image sketch.png --mode clip --json
              dfd search --prompt "hatsune miku" --steps 20..30
              dfd search --lora detail --since 2026-01-01 --csv > hits.csv
            """)
        {
            text, prompt, mode, image, imageWeight, not, cutoff,
        };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var filters = options.Filters(parse, errors);
            var terms = QueryExpression.Parse(string.Join(' ', parse.GetValue(text) ?? [])).ToList();
            foreach (var n in parse.GetValue(not) ?? [])
            {
                terms.AddRange(QueryExpression.Parse(n).Select(t => t with { Weight = -Math.Abs(t.Weight) }));
            }

            var words = parse.GetValue(prompt);
            var imagePath = parse.GetValue(image);
            if (imagePath is not null && !File.Exists(imagePath))
            {
                errors.Add($"--image: no file {imagePath}");
            }

            if (terms.Count == 0 && imagePath is null && string.IsNullOrWhiteSpace(words) && filters.IsEmpty)
            {
                errors.Add("give TEXT, --prompt WORDS, --image PATH or at least one filter (--generator, --model, --lora, --seed, …)");
            }

            if (!Enum.TryParse<QueryMode>(parse.GetValue(mode), ignoreCase: true, out var queryMode) || int.TryParse(parse.GetValue(mode), out _))
            {
                errors.Add($"--mode: '{parse.GetValue(mode)}' is not auto, clip, prompt or hybrid");
            }

            var cut = QueryCliOptions.ReadCutoff(parse, cutoff, errors);

            var k = options.K(parse, errors);
            var sort = options.ReadSort(parse, errors);
            if (errors.Count > 0)
            {
                QueryCliOptions.Report(errors);
                return ExitCodes.Usage;
            }

            var query = new ImageQuery(terms, string.IsNullOrWhiteSpace(words) ? null : words, imagePath, parse.GetValue(imageWeight), queryMode, k, filters, cut, sort, parse.GetValue(options.RandomSeed));
            var title = "dfd search " + string.Join(' ', parse.GetValue(text) ?? []) + (words is null ? "" : " --prompt " + words);
            return await RunAsync(parse, options, title, (database, engine) => SearchQueryService.SearchAsync(database, engine, query, StderrLogger.Instance, cancellationToken),
                pg => pg.SearchAsync(query, cancellationToken), cancellationToken);
        });
        return command;
    }

    /// <summary>Opens the catalog, runs <paramref name="run"/> (a search service), writes the results; shared with `dfd similar`.</summary>
    internal static async Task<int> RunAsync(
        ParseResult parse, QueryCliOptions options, string title, Func<CatalogDatabase, EngineOptions, Task<SearchOutcome>> run,
        Func<App.PostgreSql.PgSearchEngine, Task<SearchOutcome>> runOnPostgres, CancellationToken cancellationToken)
    {
        if (PostgresCatalog.Url(parse.GetValue(options.Db)) is { } postgres)
        {
            var pgEngine = new EngineOptions(parse.GetValue(options.Pack), options.Device.Read(parse), parse.GetValue(options.TextPrecision) == "int8", parse.GetValue(options.Language));
            return await PostgresCatalog.QueryAsync(postgres, pgEngine, title, runOnPostgres, (outcome, heading, thumbnail) =>
            {
                ResultWriter.Write(outcome, heading, parse.GetValue(options.Json), parse.GetValue(options.Csv), parse.GetValue(options.Html), parse.GetValue(options.Frames), thumbnail);
                return ExitCodes.Ok;
            }, cancellationToken);
        }

        var dbPath = CatalogLocation.Resolve(parse.GetValue(options.Db));
        return await CatalogFailures.WithExistingCatalogAsync(dbPath, async database =>
        {
            using var progress = ProgressRenderer.For(Console.Error);
            var engine = new EngineOptions(parse.GetValue(options.Pack), options.Device.Read(parse), parse.GetValue(options.TextPrecision) == "int8", parse.GetValue(options.Language)) { IndexProgress = progress };
            SearchOutcome outcome;
            try
            {
                outcome = await run(database, engine);
            }
            catch (Exception ex) when (ex is PromptQueryException or QueryLanguageException)
            {
                progress.Finish();
                Console.Error.WriteLine($"dfd: {ex.Message}");
                return ExitCodes.Usage;
            }
            catch (SearchUnavailableException ex)
            {
                progress.Finish();
                Console.Error.WriteLine($"dfd: {ex.Message}");
                return ExitCodes.Failure;
            }

            progress.Finish();

            var thumbnails = new CatalogQueries(database);
            ResultWriter.Write(outcome, title, parse.GetValue(options.Json), parse.GetValue(options.Csv), parse.GetValue(options.Html), parse.GetValue(options.Frames), thumbnails.Thumbnail);
            return ExitCodes.Ok;
        });
    }
}
