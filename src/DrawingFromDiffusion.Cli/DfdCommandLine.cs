using System.CommandLine;
using System.CommandLine.Parsing;
using DrawingFromDiffusion.Cli.Commands;

namespace DrawingFromDiffusion.Cli;

/// <summary>The dfd command tree, and how a command line that does not parse is reported.</summary>
internal static class DfdCommandLine
{
    /// <summary>The global flag that adds the stack trace to a failure's one line.</summary>
    public const string Verbose = "--verbose";

    public static RootCommand Create()
    {
        var root = new RootCommand("dfd — similarity search over AI-generated images: scan folders into a catalog, search by text, image or prompt.")
        {
            IndexCommand.Create(),
            WorkerCommand.Create(),
            JobsCommand.Create(),
            RootsCommand.Create(),
            StatsCommand.Create(),
            ErrorsCommand.Create(),
            ExportCommand.Create(),
            ServeCommand.Create(),
            ModelsCommand.Create(),
            DoctorCommand.Create(),
            MetaCommand.Create(),
            SearchCommand.Create(),
            SimilarCommand.Create(),
            AdherenceCommand.Create(),
            FacetsCommand.Create(),
            DupesCommand.Create(),
            ClustersCommand.Create(),
            TagCommand.Create(),
            UsersCommand.Create(),
            AuditCommand.Create(),
            WatchCommand.Create(),
            GridCommand.Create(),
            RateCommand.Create(),
            RateCommand.CreateFavourite(),
            CollectionCommand.Create(),
            DatasetCommand.Create(),
        };
        root.Options.Add(new Option<bool>(Verbose) { Description = "on a failure, print the stack trace after the one-line message", Recursive = true });
        return root;
    }

    /// <summary>
    /// Writes one line per parse error (no help screen after it: the line names the option and what it takes) and returns true when the command line is wrong;
    /// then no command has started.
    /// </summary>
    public static bool ReportErrors(ParseResult parse, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(errors);
        var command = parse.CommandResult.Command;
        if (command.Subcommands.Count > 0 && command.Action is null && parse.Errors.Count == 1 && parse.UnmatchedTokens.Count == 0)
        {
            // `dfd` or `dfd models` alone: the default action shows the help screen, which is what was asked for.
            return false;
        }

        foreach (var line in parse.Errors.Select(OneLine).Distinct())
        {
            errors.WriteLine($"dfd: {line}");
        }

        return parse.Errors.Count > 0;
    }

    /// <summary>The error on one line, starting with the option it is about when the parser's own message does not name it.</summary>
    private static string OneLine(ParseError error)
    {
        var message = string.Join(' ', error.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var option = error.SymbolResult switch
        {
            OptionResult o => o.Option,
            ArgumentResult { Parent: OptionResult o } => o.Option,
            _ => null,
        };
        if (option is not null && message.StartsWith("Cannot parse argument", StringComparison.Ordinal) && error.SymbolResult?.Tokens.FirstOrDefault() is { } token)
        {
            var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
            var number = type == typeof(int) || type == typeof(long) ? "a whole number" : "a number";
            return $"{option.Name} takes {number}; got '{token.Value}'";
        }

        return option is null || message.Contains(option.Name, StringComparison.Ordinal) ? message : $"{option.Name}: {message}";
    }
}
