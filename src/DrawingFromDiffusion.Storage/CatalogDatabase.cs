using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>Opens connections to one catalog file: WAL, busy timeout, foreign keys, schema migrated once.</summary>
public sealed class CatalogDatabase
{
    private readonly string _connectionString;

    private CatalogDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Opens (creating when absent) and migrates the catalog at <paramref name="path"/>.</summary>
    /// <exception cref="CatalogVersionException">the file is from a newer dfd.</exception>
    public static CatalogDatabase Open(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var database = new CatalogDatabase(path);
        using var connection = database.Connect();
        SchemaMigrator.Migrate(connection);
        return database;
    }

    /// <summary>Opens an existing catalog without creating one; null when the file does not exist.</summary>
    public static CatalogDatabase? OpenExisting(string path) => File.Exists(path) ? Open(path) : null;

    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = 30000;
            """;
        command.ExecuteNonQuery();
        return connection;
    }
}
