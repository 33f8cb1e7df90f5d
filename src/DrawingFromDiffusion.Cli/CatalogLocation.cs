namespace DrawingFromDiffusion.Cli;

/// <summary>Where the catalog lives when --db is not given.</summary>
internal static class CatalogLocation
{
    public const string DefaultDescription = "$XDG_DATA_HOME/dfd/catalog.db (~/.local/share/dfd/catalog.db)";

    public const string PostgresNotYet =
        "this command does not work on a shared PostgreSQL catalog yet (index, search, similar, worker, jobs and roots do); pass a SQLite catalog with --db PATH";

    /// <exception cref="Storage.NotACatalogException">the catalog named is a postgresql:// address this command cannot use.</exception>
    public static string Resolve(string? option)
    {
        if (PostgresCatalog.Url(option) is not null)
        {
            throw new Storage.NotACatalogException(PostgresNotYet);
        }

        if (!string.IsNullOrWhiteSpace(option))
        {
            return Path.GetFullPath(option);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("DFD_DB");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(dataHome, "dfd", "catalog.db");
    }
}
