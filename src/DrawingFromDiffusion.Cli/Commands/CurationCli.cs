using System.CommandLine;
using DrawingFromDiffusion.App.Curation;
using DrawingFromDiffusion.Core.Curation;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>What `dfd tag add|remove|list`, `dfd rate`, `dfd fav` and `dfd collection` share: the image arguments, the curation service, its failures as exit codes.</summary>
internal static class CurationCli
{
    public static Argument<string[]> Images(string description = "catalog image ids, catalogued files, or folders (every catalogued image under them)") =>
        new("images") { Description = description, Arity = ArgumentArity.OneOrMore, HelpName = "ID|PATH" };

    public static Argument<string> CollectionName()
    {
        var name = new Argument<string>("name") { Description = "the collection's name (case-insensitive)" };
        name.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault()?.Value is { } value && !CurationNames.IsCollectionName(value))
            {
                result.AddError($"NAME takes {CurationNames.CollectionRule}; got '{value}'");
            }
        });
        return name;
    }

    /// <summary>One or several tags, comma-separated, each checked at parse time.</summary>
    public static Argument<string> Tags()
    {
        var tags = new Argument<string>("tags") { Description = "a tag, or several separated by commas (stored in lower case, spaces as _)", HelpName = "TAG[,TAG…]" };
        tags.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault()?.Value is { } value && SplitTags(value).FirstOrDefault(t => CurationNames.NormaliseTag(t) is null) is { } bad)
            {
                result.AddError($"TAG takes {CurationNames.TagRule}; got '{bad}'");
            }
        });
        return tags;
    }

    public static string[] SplitTags(string text) => text.Split(',', StringSplitOptions.TrimEntries);

    /// <summary>Opens the catalog, runs <paramref name="action"/> with the service and turns its refusals into one line and an exit code.</summary>
    public static Task<int> RunAsync(ParseResult parse, Option<string?> db, Func<CurationService, Task<int>> action) =>
        CatalogFailures.WithExistingCatalogAsync(CatalogLocation.Resolve(parse.GetValue(db)), async database =>
        {
            try
            {
                return await action(new CurationService(database));
            }
            catch (CurationException ex)
            {
                Console.Error.WriteLine($"dfd: {ex.Message}");
                return ex.Fault switch
                {
                    CurationFault.Invalid => ExitCodes.Usage,
                    CurationFault.NotFound => ExitCodes.BadInput,
                    _ => ExitCodes.Failure,
                };
            }
        });

    public static Task<int> RunAsync(ParseResult parse, Option<string?> db, Func<CurationService, int> action) =>
        RunAsync(parse, db, service => Task.FromResult(action(service)));

    /// <summary>The images named on the command line, or null after telling which names no catalogued image (exit 3).</summary>
    public static IReadOnlyList<long>? Resolve(CurationService service, IEnumerable<string> references)
    {
        var resolved = service.Resolve(references);
        foreach (var unknown in resolved.Unknown)
        {
            Console.Error.WriteLine($"dfd: '{unknown}' names no catalogued image (give a catalog id, a catalogued file or a folder)");
        }

        return resolved.Unknown.Count > 0 ? null : resolved.Ids;
    }
}
