using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>Questions about a catalog file asked without writing to it: whose is it, may we write it.</summary>
internal static partial class CatalogFiles
{
    private const int WriteAccess = 2;

    /// <summary>
    /// Reads the schema version through a read-only connection: nothing written, not even the journal mode, and no
    /// -wal/-shm file created beside it (immutable unless a -wal file shows a writer at work, whose -shm is then shared).
    /// </summary>
    /// <exception cref="NotACatalogException">user_version 0 with tables: another program's database.</exception>
    public static int RefuseForeign(string path)
    {
        var shareWriters = File.Exists(path + "-wal") && CanShareReadOnly(path);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            // A WAL catalog read without a usable -shm file fails (SQLITE_READONLY_CANTINIT) unless opened immutable.
            DataSource = shareWriters ? path : ImmutableUri(Path.GetFullPath(path)),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version; SELECT count(*) FROM sqlite_master WHERE type = 'table';";
        using var reader = command.ExecuteReader();
        reader.Read();
        var version = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
        reader.NextResult();
        reader.Read();
        var tables = reader.GetInt64(0);
        if (version == 0 && tables > 0)
        {
            throw new NotACatalogException(
                $"{path} is an SQLite database of another program (no dfd schema version, {tables} tables); it was left untouched: pass --db with a dfd catalog or a new file name");
        }

        return version;
    }

    /// <summary>Whether this process may write the file and create its -wal/-shm files beside it.</summary>
    public static bool CanWrite(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (OperatingSystem.IsWindows())
        {
            return !new FileInfo(path).IsReadOnly;
        }

        return Access(path, WriteAccess) == 0 && Access(folder, WriteAccess) == 0;
    }

    /// <summary>Whether this process may create files in <paramref name="folder"/>.</summary>
    public static bool CanWriteFolder(string folder) => OperatingSystem.IsWindows() || Access(folder, WriteAccess) == 0;

    /// <summary>A read-only reader of a WAL catalog shares its -shm file; it needs one it can use or a folder to create it in.</summary>
    public static bool CanShareReadOnly(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var shm = path + "-shm";
        return OperatingSystem.IsWindows() || (File.Exists(shm) ? Access(shm, WriteAccess) == 0 : Access(folder, WriteAccess) == 0);
    }

    public static string ImmutableUri(string path) => new Uri(path).AbsoluteUri + "?immutable=1";

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);
}
