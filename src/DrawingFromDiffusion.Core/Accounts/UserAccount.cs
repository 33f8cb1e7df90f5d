namespace DrawingFromDiffusion.Core.Accounts;

/// <summary>One account of `dfd serve`: its name (unique, case-insensitive), role and stored password hash.</summary>
public sealed record UserAccount(string Name, Role Role, string PasswordHash, DateTimeOffset Created);

/// <summary>One curation or account action taken through the server or the command line.</summary>
/// <param name="User">who did it ("local" on a loopback server without accounts, "cli" from `dfd users`).</param>
/// <param name="Action">what was done, e.g. "users.add" or "rate".</param>
/// <param name="Target">what it was done to: a user name, image ids, the request path.</param>
public sealed record AuditEntry(DateTimeOffset At, string User, string Action, string Target);
