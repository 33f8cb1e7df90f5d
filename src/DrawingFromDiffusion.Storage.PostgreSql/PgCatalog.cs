using System.Reflection;
using Npgsql;
using Pgvector.Npgsql;

namespace DrawingFromDiffusion.Storage.PostgreSql;

/// <summary>
/// One PostgreSQL catalog: a pooled data source with pgvector's types, migrated on open. Thread-safe; every caller
/// takes its own connection from the pool.
/// </summary>
public sealed class PgCatalog : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _source;

    private PgCatalog(NpgsqlDataSource source, string display)
    {
        _source = source;
        Display = display;
    }

    /// <summary>The address the catalog was opened with, password hidden.</summary>
    public string Display { get; }

    public NpgsqlDataSource Source => _source;

    /// <summary>Connects, creates the pgvector extension when missing and applies the migrations this build knows.</summary>
    /// <exception cref="PgCatalogException">the server cannot be reached, lacks pgvector or holds a newer schema.</exception>
    public static async Task<PgCatalog> OpenAsync(string url, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlDataSourceBuilder(PgLocation.ToConnectionString(url));
        builder.UseVector();
        var source = builder.Build();
        var catalog = new PgCatalog(source, PgLocation.Redacted(url));
        try
        {
            await using var connection = await source.OpenConnectionAsync(cancellationToken);
            await PgSchemaMigrator.MigrateAsync(connection, cancellationToken);
            // The vector types were created by the migration: this pool's connections must learn their type ids.
            await connection.ReloadTypesAsync(cancellationToken);
            return catalog;
        }
        catch (NpgsqlException ex)
        {
            await catalog.DisposeAsync();
            throw new PgCatalogException($"cannot open the PostgreSQL catalog {catalog.Display}: {ex.Message}", ex);
        }
        catch
        {
            await catalog.DisposeAsync();
            throw;
        }
    }

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) => _source.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    public void Dispose() => _source.Dispose();

    internal static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"missing resource {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
