using System.Globalization;
using DrawingFromDiffusion.Core.Catalog;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>Read-only questions about the catalog (stats, errors, export). Safe beside a running scan: WAL readers do not block the writer.</summary>
public sealed class CatalogQueries(CatalogDatabase database)
{
    public CatalogStats Stats()
    {
        using var connection = database.Connect();
        var formats = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var reader = Query(connection, "SELECT format, count(*) FROM images GROUP BY format ORDER BY 2 DESC"))
        {
            while (reader.Read())
            {
                formats[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var embeddings = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var reader = Query(connection, "SELECT model_id, count(*) FROM embeddings GROUP BY model_id ORDER BY 1"))
        {
            while (reader.Read())
            {
                embeddings[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var lastScan = Scalar(connection, "SELECT max(finished_at) FROM scans") as string;
        var bytes = new[] { "", "-wal" }.Select(suffix => new FileInfo(database.Path + suffix)).Where(f => f.Exists).Sum(f => f.Length);
        return new CatalogStats(
            database.Path,
            bytes,
            SchemaMigrator.CurrentVersion(connection),
            Count(connection, "images"),
            Count(connection, "files"),
            Count(connection, "errors"),
            Count(connection, "generation"),
            formats,
            embeddings,
            lastScan is null ? null : DateTimeOffset.Parse(lastScan, CultureInfo.InvariantCulture));
    }

    public IReadOnlyList<ErrorRecord> Errors()
    {
        using var connection = database.Connect();
        using var reader = Query(connection, "SELECT path, stage, reason, at FROM errors ORDER BY path");
        var list = new List<ErrorRecord>();
        while (reader.Read())
        {
            list.Add(new ErrorRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
        }

        return list;
    }

    public IEnumerable<FileRecord> Files()
    {
        using var connection = database.Connect();
        using var reader = Query(
            connection,
            """
            SELECT f.path, i.id, i.content_hash, i.width, i.height, i.format, f.size, f.mtime_ticks
            FROM files f JOIN images i ON i.id = f.image_id
            ORDER BY f.path
            """);
        while (reader.Read())
        {
            yield return new FileRecord(
                reader.GetString(0),
                reader.GetInt64(1),
                ContentHash.FromBytes((byte[])reader[2]).ToString(),
                reader.GetInt32(3),
                reader.GetInt32(4),
                reader.GetString(5),
                reader.GetInt64(6),
                new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero));
        }
    }

    public byte[]? Thumbnail(long imageId)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT webp FROM thumbnails WHERE image_id = $id";
        command.Parameters.AddWithValue("$id", imageId);
        return command.ExecuteScalar() as byte[];
    }

    private static long Count(SqliteConnection connection, string table) =>
        (long)Scalar(connection, $"SELECT count(*) FROM {table}")!;

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static SqliteDataReader Query(SqliteConnection connection, string sql)
    {
        // Not disposed here: disposing the command would close the reader it returns.
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }
}
