using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>
/// Opens connections to one catalog file: WAL, busy timeout, foreign keys, schema migrated once. A catalog opened
/// for reading without write access is opened read-only and never written (no migration, no journal switch).
/// </summary>
public sealed class CatalogDatabase
{
    private readonly string _connectionString;

    private CatalogDatabase(string path, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate, bool immutable = false)
    {
        Path = System.IO.Path.GetFullPath(path);
        IsReadOnly = mode == SqliteOpenMode.ReadOnly;
        _connectionString = new SqliteConnectionStringBuilder
        {
            // immutable: SQLite then needs no -shm file beside a catalog in a folder it cannot write.
            DataSource = immutable ? CatalogFiles.ImmutableUri(Path) : Path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Opened without write access: queries only.</summary>
    public bool IsReadOnly { get; }

    /// <summary>The data source for read-only connections: immutable when no -shm file can be shared beside the catalog.</summary>
    public string ReadOnlyDataSource => CatalogFiles.CanShareReadOnly(Path) ? Path : CatalogFiles.ImmutableUri(Path);

    /// <summary>Opens (creating when absent) and migrates the catalog at <paramref name="path"/>.</summary>
    /// <exception cref="CatalogVersionException">the file is from a newer dfd.</exception>
    public static CatalogDatabase Open(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        if (File.Exists(path))
        {
            CatalogFiles.RefuseForeign(path);
        }

        var database = new CatalogDatabase(path);
        using var connection = database.Connect();
        SchemaMigrator.Migrate(connection);
        return database;
    }

    /// <summary>
    /// What a writer checks before it takes the writer lock (whose file sits beside the catalog), so that nothing is
    /// created beside a file it would then refuse: an existing file must be a dfd catalog of a schema this dfd knows,
    /// and this user must be able to write it and its folder (or, for a new catalog, the nearest existing folder).
    /// Reads only, through a read-only connection.
    /// </summary>
    /// <exception cref="NotACatalogException">another program's SQLite database; left untouched.</exception>
    /// <exception cref="CatalogVersionException">from a newer dfd.</exception>
    /// <exception cref="UnauthorizedAccessException">read-only for this user.</exception>
    public static void CheckWritable(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var version = CatalogFiles.RefuseForeign(full);
            if (version > SchemaMigrator.LatestVersion)
            {
                throw new CatalogVersionException(SchemaMigrator.NewerVersionMessage(path, version));
            }

            if (!CatalogFiles.CanWrite(full))
            {
                throw new UnauthorizedAccessException($"{path} (or its folder) is read-only for this user; read commands still work on it");
            }

            return;
        }

        var folder = System.IO.Path.GetDirectoryName(full);
        while (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            folder = System.IO.Path.GetDirectoryName(folder);
        }

        if (!string.IsNullOrEmpty(folder) && !CatalogFiles.CanWriteFolder(folder))
        {
            throw new UnauthorizedAccessException($"{folder} is read-only for this user, so no catalog can be created there");
        }
    }

    /// <summary>
    /// Opens an existing catalog for reading; null when the file does not exist. Without write access (or with
    /// <paramref name="readOnly"/>) the catalog is opened read-only and must already be at this dfd's schema.
    /// </summary>
    /// <exception cref="NotACatalogException">the file is another program's SQLite database; it is left untouched.</exception>
    /// <exception cref="CatalogVersionException">from a newer dfd, or an older one that cannot be upgraded read-only.</exception>
    public static CatalogDatabase? OpenExisting(string path, bool readOnly = false)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var version = CatalogFiles.RefuseForeign(path);
        readOnly |= !CatalogFiles.CanWrite(path);
        if (!readOnly)
        {
            return Open(path);
        }

        if (version != SchemaMigrator.LatestVersion)
        {
            throw new CatalogVersionException(version > SchemaMigrator.LatestVersion
                ? $"{path} has schema version {version}, but this dfd knows versions up to {SchemaMigrator.LatestVersion}; upgrade dfd"
                : $"{path} is read-only and has schema version {version}; this dfd needs {SchemaMigrator.LatestVersion}: run `dfd index` once with write access to upgrade it");
        }

        return new CatalogDatabase(path, SqliteOpenMode.ReadOnly, immutable: !CatalogFiles.CanShareReadOnly(path));
    }

    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = IsReadOnly
            ? """
                PRAGMA foreign_keys = ON;
                PRAGMA busy_timeout = 30000;
                """
            : """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA foreign_keys = ON;
                PRAGMA busy_timeout = 30000;
                """;
        command.ExecuteNonQuery();
        return connection;
    }
}
