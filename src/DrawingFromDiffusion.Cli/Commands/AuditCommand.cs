using System.CommandLine;
using System.Globalization;
using DrawingFromDiffusion.App.Accounts;
using DrawingFromDiffusion.Cli.Output;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd audit`: who changed what, and when, newest first.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var limit = new Option<int>("--limit", "-n") { Description = "how many entries (newest first)", DefaultValueFactory = _ => 50, HelpName = "N" };
        var command = new Command("audit", "The audit log: account changes and every curation action taken through dfd serve (who, what, when, target), newest first.\nExample: dfd audit -n 20") { limit, json, db };
        limit.Between(1, 100_000);
        command.SetAction(async (parse, _) =>
        {
            var dbPath = CatalogLocation.Resolve(parse.GetValue(db));
            return await CatalogFailures.WithExistingCatalogAsync(dbPath, database =>
            {
                var entries = AccountsService.For(database).Audit(parse.GetValue(limit));
                if (parse.GetValue(json))
                {
                    Json.Write(entries.Select(e => new { at = e.At, user = e.User, action = e.Action, target = e.Target }));
                }
                else
                {
                    foreach (var entry in entries)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{entry.At:yyyy-MM-dd HH:mm:ss}Z  {entry.User,-16} {entry.Action,-16} {Core.Library.FileNames.EscapeForTerminal(entry.Target)}"));
                    }

                    Console.Error.WriteLine(entries.Count == 0 ? "dfd: the audit log is empty" : $"dfd: {entries.Count} entr{(entries.Count == 1 ? "y" : "ies")}");
                }

                return Task.FromResult(ExitCodes.Ok);
            });
        });
        return command;
    }
}
