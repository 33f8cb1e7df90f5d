using System.CommandLine;
using System.Globalization;
using System.Text;
using DrawingFromDiffusion.App.Accounts;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Accounts;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd users add|list|remove|set-role`: the accounts `dfd serve` asks for when it listens beyond loopback.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var command = new Command("users", """
            Accounts for `dfd serve` on a network (kept in the catalog). Viewers search and browse; curators also tag,
            rate, move and delete; admins also manage users and roots. A server bound to loopback needs no accounts.
            Example: dfd users add alice --role curator
            Example: printf '%s\n' "$PASSWORD" | dfd users add bot --role viewer --password-stdin
            """)
        {
            Add(), List(), Remove(), SetRole(),
        };
        return command;
    }

    private static Option<string> RoleOption() => new Option<string>("--role")
    {
        Description = "viewer, curator or admin",
        Required = true,
        HelpName = "ROLE",
    }.AcceptOnlyFromAmong("viewer", "curator", "admin");

    private static Command Add()
    {
        var db = CommonOptions.Db();
        var name = new Argument<string>("NAME") { Description = "the user name: letters, digits, '.', '_' and '-'" };
        var role = RoleOption();
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "read the password from the first line of standard input (for scripts) instead of asking" };
        var command = new Command("add", $"Add an account; the password (at least {PasswordHash.MinimumLength} characters) is asked for twice, or read from stdin.") { name, role, passwordStdin, db };
        command.SetAction(async (parse, _) =>
        {
            var password = parse.GetValue(passwordStdin) ? ReadPasswordLine() : AskPassword();
            if (password is null)
            {
                return ExitCodes.Usage;
            }

            return await WithAccountsAsync(parse.GetValue(db), accounts =>
            {
                var account = accounts.Add(parse.GetValue(name)!, RoleNames.Parse(parse.GetValue(role))!.Value, password, AccountsService.CommandLineActor);
                Console.Error.WriteLine($"dfd: added {account.Name} ({RoleNames.Name(account.Role)})");
            });
        });
        return command;
    }

    private static Command List()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("list", "List the accounts and their roles.") { json, db };
        command.SetAction(async (parse, _) => await WithAccountsAsync(parse.GetValue(db), accounts =>
        {
            var users = accounts.List();
            if (parse.GetValue(json))
            {
                Json.Write(users.Select(u => new { name = u.Name, role = RoleNames.Name(u.Role), created = u.Created }));
                return;
            }

            foreach (var user in users)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{user.Name,-24} {RoleNames.Name(user.Role),-8} added {user.Created:yyyy-MM-dd HH:mm}Z"));
            }

            Console.Error.WriteLine(users.Count == 0 ? "dfd: no accounts; dfd serve listens on loopback only until one is added" : $"dfd: {users.Count} account(s)");
        }));
        return command;
    }

    private static Command Remove()
    {
        var db = CommonOptions.Db();
        var name = new Argument<string>("NAME") { Description = "the account to remove; its sessions end" };
        var command = new Command("remove", "Remove an account; its open sessions stop working.") { name, db };
        command.SetAction(async (parse, _) => await WithAccountsAsync(parse.GetValue(db), accounts =>
        {
            accounts.Remove(parse.GetValue(name)!, AccountsService.CommandLineActor);
            Console.Error.WriteLine($"dfd: removed {parse.GetValue(name)}");
        }));
        return command;
    }

    private static Command SetRole()
    {
        var db = CommonOptions.Db();
        var name = new Argument<string>("NAME") { Description = "the account" };
        var role = RoleOption();
        var command = new Command("set-role", "Change an account's role; open sessions get it on their next request.") { name, role, db };
        command.SetAction(async (parse, _) => await WithAccountsAsync(parse.GetValue(db), accounts =>
        {
            accounts.SetRole(parse.GetValue(name)!, RoleNames.Parse(parse.GetValue(role))!.Value, AccountsService.CommandLineActor);
            Console.Error.WriteLine($"dfd: {parse.GetValue(name)} is now {parse.GetValue(role)}");
        }));
        return command;
    }

    private static Task<int> WithAccountsAsync(string? db, Action<AccountsService> action)
    {
        var dbPath = CatalogLocation.Resolve(db);
        return CatalogFailures.WithExistingCatalogAsync(dbPath, database =>
        {
            try
            {
                action(AccountsService.For(database));
                return Task.FromResult(ExitCodes.Ok);
            }
            catch (AccountException ex)
            {
                Console.Error.WriteLine($"dfd: {ex.Message}");
                return Task.FromResult(ex.Fault == AccountFault.Invalid ? ExitCodes.Usage : ExitCodes.Failure);
            }
        });
    }

    private static string? ReadPasswordLine()
    {
        var line = Console.In.ReadLine();
        if (string.IsNullOrEmpty(line))
        {
            Console.Error.WriteLine("dfd: --password-stdin read no password (the first line of standard input is the password)");
            return null;
        }

        return line.TrimEnd('\r');
    }

    private static string? AskPassword()
    {
        if (Console.IsInputRedirected)
        {
            Console.Error.WriteLine("dfd: there is no terminal to ask for the password on; pass --password-stdin and pipe it in");
            return null;
        }

        var first = Ask("password: ");
        var second = Ask("again: ");
        if (first != second)
        {
            Console.Error.WriteLine("dfd: the two passwords differ; nothing was changed");
            return null;
        }

        return first;
    }

    private static string Ask(string prompt)
    {
        Console.Error.Write(prompt);
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
