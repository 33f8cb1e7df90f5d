using System.CommandLine;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd errors`: files that could not be catalogued, with the reason.</summary>
internal static class ErrorsCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("errors", "List files that could not be catalogued and why. They are retried when they change.\nExample: dfd errors --json | jq -r '.[].path'") { db, json };
        command.SetAction(async (parse, _) =>
        {
            var dbPath = CatalogLocation.Resolve(parse.GetValue(db));
            return await CatalogFailures.WithExistingCatalogAsync(dbPath, database =>
            {
                var errors = new CatalogQueries(database).Errors();
                if (parse.GetValue(json))
                {
                    Json.Write(errors);
                }
                else if (errors.Count == 0)
                {
                    Console.WriteLine("no errors");
                }
                else
                {
                    foreach (var error in errors)
                    {
                        Console.WriteLine($"{Core.Library.FileNames.EscapeForTerminal(error.Path)}\n    {error.Stage}: {Core.Library.FileNames.EscapeForTerminal(error.Reason)}");
                    }

                    Console.WriteLine($"{errors.Count} file(s)");
                }

                return Task.FromResult(ExitCodes.Ok);
            });
        });
        return command;
    }
}
