using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>Applies the numbered embedded Migrations/NNNN_name.sql scripts above PRAGMA user_version.</summary>
internal static class SchemaMigrator
{
    private static readonly IReadOnlyList<(int Version, string Sql)> _migrations = Load();

    public static int LatestVersion => _migrations[^1].Version;

    public static string NewerVersionMessage(string path, int version) =>
        $"{path} has schema version {version}, but this dfd knows versions up to {LatestVersion}. " +
        "It was written by a newer dfd: upgrade dfd, or pass --db to use another catalog.";

    public static void Migrate(SqliteConnection connection)
    {
        var current = CurrentVersion(connection);
        if (current > LatestVersion)
        {
            throw new CatalogVersionException(NewerVersionMessage(connection.DataSource, current));
        }

        foreach (var (version, sql) in _migrations.Where(m => m.Version > current))
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql + $"\nPRAGMA user_version = {version.ToString(CultureInfo.InvariantCulture)};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<(int, string)> Load()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        const string Prefix = "DrawingFromDiffusion.Storage.Migrations.";
        var list = new List<(int, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var number = int.Parse(name.AsSpan(Prefix.Length, 4), CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            list.Add((number, reader.ReadToEnd()));
        }

        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return list;
    }
}
