using System.Diagnostics;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Storage;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Cli.Tests.Support;

/// <summary>In-process scans and direct looks into a catalog file.</summary>
internal static class Catalogs
{
    public static async Task<ScanSummary> ScanAsync(
        string dbPath, string root, IImageAnalyzer? analyzer = null, Func<ScanOptions, ScanOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var database = CatalogDatabase.Open(dbPath);
        using var catalog = new SqliteImageCatalog(database);
        var scanner = new LibraryScanner(catalog, analyzer ?? new SkiaImageAnalyzer());
        var options = new ScanOptions { Roots = [root], Workers = 2 };
        return await scanner.ScanAsync(configure?.Invoke(options) ?? options, null, cancellationToken);
    }

    /// <summary>Path → image id of every catalogued file.</summary>
    public static Dictionary<string, long> Files(string dbPath) =>
        new CatalogQueries(CatalogDatabase.Open(dbPath)).Files().ToDictionary(f => f.Path, f => f.ImageId);

    public static long Scalar(string dbPath, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string ScalarText(string dbPath, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>A query through an immutable read-only connection: the file, and its folder, are not touched.</summary>
    public static long ScalarReadOnly(string dbPath, string sql)
    {
        var uri = new Uri(Path.GetFullPath(dbPath)).AbsoluteUri + "?immutable=1";
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = uri, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string IntegrityCheck(string dbPath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Polls the catalog as a WAL reader until the running dfd has committed <paramref name="atLeast"/> rows counted by <paramref name="countSql"/>.</summary>
    public static async Task<long> WaitForCountAsync(string db, Process child, string countSql, int atLeast)
    {
        long count = 0;
        while (!child.HasExited)
        {
            if (File.Exists(db))
            {
                try
                {
                    count = Scalar(db, countSql);
                    if (count >= atLeast)
                    {
                        return count;
                    }
                }
                catch (SqliteException)
                {
                    // The child is still creating the schema.
                }
            }

            await Task.Delay(10);
        }

        return count;
    }
}
