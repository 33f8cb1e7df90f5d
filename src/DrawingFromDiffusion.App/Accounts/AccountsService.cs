using DrawingFromDiffusion.Core.Accounts;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.App.Accounts;

/// <summary>
/// Accounts for `dfd serve` on a network and the audit log, for `dfd users|audit` and the server alike. Every change
/// to an account is written to the audit log with who made it.
/// </summary>
public sealed class AccountsService(IAccountStore store, TimeProvider? clock = null)
{
    /// <summary>The actor recorded for changes made with `dfd users` on the server's machine.</summary>
    public const string CommandLineActor = "cli";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Accounts kept in the SQLite catalog.</summary>
    public static AccountsService For(CatalogDatabase database) => new(new SqliteAccountStore(database));

    public bool HasUsers => store.CountUsers() > 0;

    public IReadOnlyList<UserAccount> List() => store.List();

    public UserAccount? Find(string name) => UserNames.Problem(name) is null ? store.Find(name) : null;

    /// <exception cref="AccountException">a bad name or password, or the name is taken.</exception>
    public UserAccount Add(string name, Role role, string password, string actor)
    {
        Check(name);
        if (password is null || password.Length < PasswordHash.MinimumLength)
        {
            throw new AccountException(AccountFault.Invalid, $"a password has at least {PasswordHash.MinimumLength} characters");
        }

        var account = new UserAccount(name, role, PasswordHash.Hash(password), _clock.GetUtcNow());
        if (!store.Add(account))
        {
            throw new AccountException(AccountFault.Exists, $"there is already a user named {name}");
        }

        Record(actor, "users.add", $"{name} ({RoleNames.Name(role)})");
        return account;
    }

    /// <exception cref="AccountException">no such user.</exception>
    public void Remove(string name, string actor)
    {
        Check(name);
        if (!store.Remove(name))
        {
            throw new AccountException(AccountFault.NotFound, $"there is no user named {name}");
        }

        Record(actor, "users.remove", name);
    }

    /// <exception cref="AccountException">no such user.</exception>
    public void SetRole(string name, Role role, string actor)
    {
        Check(name);
        if (!store.SetRole(name, role))
        {
            throw new AccountException(AccountFault.NotFound, $"there is no user named {name}");
        }

        Record(actor, "users.set-role", $"{name} ({RoleNames.Name(role)})");
    }

    /// <summary>
    /// The account when <paramref name="password"/> is its password, else null. An unknown name costs the same
    /// hashing time as a known one, so timing does not tell which names exist.
    /// </summary>
    public UserAccount? SignIn(string name, string password)
    {
        var account = Find(name ?? "");
        if (account is null)
        {
            PasswordHash.VerifyDecoy(password ?? "");
            return null;
        }

        return PasswordHash.Verify(password ?? "", account.PasswordHash) ? account : null;
    }

    public void Record(string user, string action, string target) => store.Append(new AuditEntry(_clock.GetUtcNow(), user, action, target));

    /// <summary>The newest entries first.</summary>
    public IReadOnlyList<AuditEntry> Audit(int limit) => store.Audit(Math.Clamp(limit, 1, 100_000));

    private static void Check(string name)
    {
        if (UserNames.Problem(name) is { } problem)
        {
            throw new AccountException(AccountFault.Invalid, problem);
        }
    }
}
