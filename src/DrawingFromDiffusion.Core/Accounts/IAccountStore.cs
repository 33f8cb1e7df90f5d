namespace DrawingFromDiffusion.Core.Accounts;

/// <summary>
/// The port accounts and the audit log are kept behind; SQLite implements it in Storage (migration 0012), and a
/// second catalog backend implements the same few calls.
/// </summary>
public interface IAccountStore
{
    int CountUsers();

    /// <summary>The account named <paramref name="name"/> (case-insensitive), or null.</summary>
    UserAccount? Find(string name);

    IReadOnlyList<UserAccount> List();

    /// <summary>Adds the account; false when the name is taken.</summary>
    bool Add(UserAccount account);

    /// <summary>False when there is no such account.</summary>
    bool Remove(string name);

    /// <summary>False when there is no such account.</summary>
    bool SetRole(string name, Role role);

    void Append(AuditEntry entry);

    /// <summary>The newest <paramref name="limit"/> entries, newest first.</summary>
    IReadOnlyList<AuditEntry> Audit(int limit);
}
