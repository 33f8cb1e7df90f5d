using System.Globalization;
using System.Reflection;
using Npgsql;

namespace DrawingFromDiffusion.Storage.PostgreSql;

/// <summary>Applies Migrations/NNNN_*.sql in order, each in its own transaction, recorded in <c>schema_version</c>.</summary>
internal static class PgSchemaMigrator
{
    /// <summary>Any fixed number: every dfd process migrating one database at once takes this lock in turn.</summary>
    private const long MigrationLock = 0x64_66_64_5f_6d_69_67;

    public static async Task MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await Execute(connection, "SELECT pg_advisory_lock(" + MigrationLock.ToString(CultureInfo.InvariantCulture) + ")", cancellationToken);
        try
        {
            await EnsureVectorAsync(connection, cancellationToken);
            await Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
            await using var current = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection);
            var version = Convert.ToInt32(await current.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            var migrations = Migrations();
            var known = migrations.Count == 0 ? 0 : migrations[^1].Version;
            if (version > known)
            {
                throw new PgCatalogException($"the catalog's schema is version {version}, newer than this dfd knows ({known}); upgrade dfd");
            }

            foreach (var (number, name) in migrations.Where(m => m.Version > version))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(PgCatalog.Resource(name), connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand("INSERT INTO schema_version (version) VALUES ($1)", connection, transaction))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = number });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await Execute(connection, "SELECT pg_advisory_unlock(" + MigrationLock.ToString(CultureInfo.InvariantCulture) + ")", CancellationToken.None);
        }
    }

    private static async Task EnsureVectorAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await Execute(connection, "CREATE EXTENSION IF NOT EXISTS vector", cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is "58P01" or "0A000" or "42501")
        {
            throw new PgCatalogException(
                $"the server has no usable pgvector extension ({ex.MessageText}); install pgvector 0.8+ on the server " +
                "(scripts/install-test-deps builds it from third_party/pgvector) or have an administrator run CREATE EXTENSION vector", ex);
        }
    }

    private static List<(int Version, string Resource)> Migrations() =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.Contains(".Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n.Split(".Migrations.")[1][..4], CultureInfo.InvariantCulture), Resource: n))
            .OrderBy(m => m.Version)
            .ToList();

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
