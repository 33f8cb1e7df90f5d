using DrawingFromDiffusion.Storage;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.App.Browsing;

/// <summary>
/// Read-only, pooled connections to a catalog for the web server: it never writes, and WAL lets it read
/// while a `dfd index` run commits beside it.
/// </summary>
public sealed class ReadOnlyCatalog
{
    private readonly string _connectionString;

    public ReadOnlyCatalog(CatalogDatabase database)
    {
        Database = database;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = database.ReadOnlyDataSource,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public CatalogDatabase Database { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA query_only = 1; PRAGMA busy_timeout = 30000;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
