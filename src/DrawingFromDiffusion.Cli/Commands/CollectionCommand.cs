using System.CommandLine;
using DrawingFromDiffusion.App.Curation;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd collection create|delete|add|remove|list|show`: named sets of images, e.g. a thesis chapter or a training set.</summary>
internal static class CollectionCommand
{
    public static Command Create()
    {
        var command = new Command("collection", """
            Named collections of images (kept with the pictures when their files move). Add images by id, path or
            folder, or the results of a search; `--collection NAME` then filters search, similar and dupes, and
            `dfd dataset export --collection NAME` turns one into a training set.
            Examples:
              dfd collection add thesis-ch2 --from-search "ink portrait" --tag keep -k 200
              dfd collection add thesis-ch2 42 43 ~/ai/best
              dfd collection show thesis-ch2 --json
            """)
        {
            Simple("create", "Create an empty collection.", (service, name) =>
            {
                Console.WriteLine(service.CreateCollection(name) ? $"created collection {name}" : $"collection {service.RequireCollection(name)} already exists");
                return ExitCodes.Ok;
            }),
            Simple("delete", "Delete a collection (its images stay in the catalog).", (service, name) =>
            {
                service.DeleteCollection(name);
                Console.WriteLine($"deleted collection {name}");
                return ExitCodes.Ok;
            }),
            AddCommand(),
            RemoveCommand(),
            ListCommand(),
            ShowCommand(),
        };
        return command;
    }

    private static Command Simple(string verb, string description, Func<CurationService, string, int> run)
    {
        var db = CommonOptions.Db();
        var name = CurationCli.CollectionName();
        var command = new Command(verb, description) { name, db };
        command.SetAction((parse, cancellationToken) => CurationCli.RunAsync(parse, db, service => run(service, parse.GetValue(name)!)));
        return command;
    }

    private static Command AddCommand()
    {
        var options = new QueryCliOptions();
        var name = CurationCli.CollectionName();
        var images = new Argument<string[]>("images") { Description = "catalog image ids, catalogued files or folders", Arity = ArgumentArity.ZeroOrMore, HelpName = "ID|PATH" };
        var fromSearch = new Option<string?>("--from-search") { Description = "add the results of this search (as dfd search TEXT; with the filters and -k below)", HelpName = "TEXT" };
        var command = new Command("add", """
            Add images to a collection (created when it does not exist), at its end: ids, catalogued files, folders,
            and/or the results of a search (--from-search TEXT, or the filters alone), in ranked order.
            """) { name, images, fromSearch };
        foreach (var option in options.All.Where(o => o != options.Csv && o != options.Html && o != options.Frames))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var filters = options.Filters(parse, errors);
            var text = parse.GetValue(fromSearch);
            var k = options.K(parse, errors);
            var sort = options.ReadSort(parse, errors);
            var references = parse.GetValue(images) ?? [];
            var searching = text is not null || !filters.IsEmpty;
            if (!searching && references.Length == 0)
            {
                errors.Add("give images (ids, files, folders), --from-search TEXT, or filters (--tag, --rating-min, --generator, …)");
            }

            if (errors.Count > 0)
            {
                QueryCliOptions.Report(errors);
                return Task.FromResult(ExitCodes.Usage);
            }

            var collection = parse.GetValue(name)!;
            return CurationCli.RunAsync(parse, options.Db, async service =>
            {
                var ids = CurationCli.Resolve(service, references);
                if (ids is null)
                {
                    return ExitCodes.BadInput;
                }

                var changes = new List<CollectionChange>();
                if (ids.Count > 0)
                {
                    changes.Add(service.AddToCollection(collection, ids));
                }

                if (searching)
                {
                    var query = new ImageQuery(QueryExpression.Parse(text ?? ""), null, null, 1f, QueryMode.Auto, k, filters, Cutoff.Auto, sort, parse.GetValue(options.RandomSeed));
                    using var progress = ProgressRenderer.For(Console.Error);
                    var engine = new EngineOptions(parse.GetValue(options.Pack), options.Device.Read(parse), parse.GetValue(options.TextPrecision) == "int8", parse.GetValue(options.Language)) { IndexProgress = progress };
                    try
                    {
                        changes.Add(await service.AddSearchResultsAsync(collection, query, engine, StderrLogger.Instance, cancellationToken));
                    }
                    catch (Exception ex) when (ex is PromptQueryException or QueryLanguageException or SearchUnavailableException)
                    {
                        progress.Finish();
                        Console.Error.WriteLine($"dfd: {ex.Message}");
                        return ex is SearchUnavailableException ? ExitCodes.Failure : ExitCodes.Usage;
                    }

                    progress.Finish();
                }

                var total = new CollectionChange(changes[^1].Collection, changes.Sum(c => c.Changed), changes.Sum(c => c.Asked), changes.Any(c => c.Created));
                if (parse.GetValue(options.Json))
                {
                    Json.Write(total);
                }
                else
                {
                    Console.WriteLine($"{(total.Created ? "created collection" : "collection")} {total.Collection}: added {total.Changed} of {total.Asked} image(s){(total.Asked > total.Changed ? " (the rest were in it already)" : "")}");
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command RemoveCommand()
    {
        var db = CommonOptions.Db();
        var name = CurationCli.CollectionName();
        var images = CurationCli.Images();
        var command = new Command("remove", "Take images out of a collection (they stay in the catalog).") { name, images, db };
        command.SetAction((parse, cancellationToken) => CurationCli.RunAsync(parse, db, service =>
        {
            var ids = CurationCli.Resolve(service, parse.GetValue(images)!);
            if (ids is null)
            {
                return ExitCodes.BadInput;
            }

            var change = service.RemoveFromCollection(parse.GetValue(name)!, ids);
            Console.WriteLine($"collection {change.Collection}: removed {change.Changed} of {change.Asked} image(s)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("list", "Every collection with its number of images.") { db, json };
        command.SetAction((parse, cancellationToken) => CurationCli.RunAsync(parse, db, service =>
        {
            var collections = service.Collections();
            if (parse.GetValue(json))
            {
                Json.Write(new { collections });
                return ExitCodes.Ok;
            }

            if (collections.Count == 0)
            {
                Console.Error.WriteLine("dfd: no collections yet (dfd collection add NAME …)");
            }

            foreach (var collection in collections)
            {
                Console.WriteLine($"{collection.Images,7}  {collection.Name}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command ShowCommand()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var name = CurationCli.CollectionName();
        var command = new Command("show", "A collection's images in the order they were added: id, stars, favourite, a path.") { name, db, json };
        command.SetAction((parse, cancellationToken) => CurationCli.RunAsync(parse, db, service =>
        {
            var contents = service.Show(parse.GetValue(name)!);
            if (parse.GetValue(json))
            {
                Json.Write(contents);
                return ExitCodes.Ok;
            }

            Console.WriteLine($"{contents.Name}: {contents.Images.Count} image(s)");
            foreach (var image in contents.Images)
            {
                var stars = image.Rating is { } r ? new string('*', r).PadRight(5, '.') : "     ";
                Console.WriteLine($"{image.ImageId,8}  {stars} {(image.Favourite ? "♥" : " ")}  {image.Path ?? "(no file left)"}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
