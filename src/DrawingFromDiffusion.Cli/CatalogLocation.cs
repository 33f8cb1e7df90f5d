namespace DrawingFromDiffusion.Cli;

/// <summary>Where the catalog lives when --db is not given.</summary>
internal static class CatalogLocation
{
    public const string DefaultDescription = "$XDG_DATA_HOME/dfd/catalog.db (~/.local/share/dfd/catalog.db)";

    public static string Resolve(string? option)
    {
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
