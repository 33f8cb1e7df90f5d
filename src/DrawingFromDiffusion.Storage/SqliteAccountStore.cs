using System.Globalization;
using DrawingFromDiffusion.Core.Accounts;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>Accounts and the audit log in the catalog (migration 0012).</summary>
public sealed class SqliteAccountStore(CatalogDatabase database) : IAccountStore
{
    public int CountUsers()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM users";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public UserAccount? Find(string name)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, role, password_hash, created_at FROM users WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadAccount(reader) : null;
    }

    public IReadOnlyList<UserAccount> List()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, role, password_hash, created_at FROM users ORDER BY name";
        using var reader = command.ExecuteReader();
        var accounts = new List<UserAccount>();
        while (reader.Read())
        {
            accounts.Add(ReadAccount(reader));
        }

        return accounts;
    }

    public bool Add(UserAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO users (name, role, password_hash, created_at) VALUES ($name, $role, $hash, $created)";
        command.Parameters.AddWithValue("$name", account.Name);
        command.Parameters.AddWithValue("$role", RoleNames.Name(account.Role));
        command.Parameters.AddWithValue("$hash", account.PasswordHash);
        command.Parameters.AddWithValue("$created", account.Created.ToString("O", CultureInfo.InvariantCulture));
        return command.ExecuteNonQuery() == 1;
    }

    public bool Remove(string name)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM users WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteNonQuery() == 1;
    }

    public bool SetRole(string name, Role role)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET role = $role WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$role", RoleNames.Name(role));
        return command.ExecuteNonQuery() == 1;
    }

    public void Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO audit_log (at, user, action, target) VALUES ($at, $user, $action, $target)";
        command.Parameters.AddWithValue("$at", entry.At.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$user", entry.User);
        command.Parameters.AddWithValue("$action", entry.Action);
        command.Parameters.AddWithValue("$target", entry.Target);
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<AuditEntry> Audit(int limit)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, user, action, target FROM audit_log ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(Time(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return entries;
    }

    private static UserAccount ReadAccount(SqliteDataReader reader) =>
        new(reader.GetString(0), RoleNames.Parse(reader.GetString(1)) ?? Role.Viewer, reader.GetString(2), Time(reader.GetString(3)));

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
