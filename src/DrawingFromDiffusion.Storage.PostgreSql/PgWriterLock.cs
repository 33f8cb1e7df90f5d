using Npgsql;

namespace DrawingFromDiffusion.Storage.PostgreSql;

/// <summary>
/// One `dfd index` (scan) at a time per PostgreSQL catalog, like the SQLite catalog's writer lock: a session advisory
/// lock held on its own connection for the run, released when the run ends or its process dies. Workers do not take it.
/// </summary>
public sealed class PgWriterLock : IAsyncDisposable
{
    private const long IndexLock = 0x64_66_64_5f_69_6e_64;

    private readonly NpgsqlConnection _connection;

    private PgWriterLock(NpgsqlConnection connection) => _connection = connection;

    /// <returns>null when <paramref name="wait"/> is false and another run holds the lock.</returns>
    public static async Task<PgWriterLock?> AcquireAsync(PgCatalog catalog, bool wait, Action<string> notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(notice);
        var connection = await catalog.OpenConnectionAsync(cancellationToken);
        var sql = new PgSql(connection, null, cancellationToken);
        if (await sql.ScalarAsync<bool>($"SELECT pg_try_advisory_lock({IndexLock})"))
        {
            return new PgWriterLock(connection);
        }

        if (!wait)
        {
            await connection.DisposeAsync();
            return null;
        }

        notice($"another dfd index is writing {catalog.Display}; waiting for it to finish");
        await sql.ExecuteAsync($"SELECT pg_advisory_lock({IndexLock})");
        return new PgWriterLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the session releases its advisory locks (the pool resets the session with DISCARD ALL).
        await _connection.DisposeAsync();
    }
}
