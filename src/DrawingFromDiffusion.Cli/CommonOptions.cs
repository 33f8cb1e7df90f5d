using System.CommandLine;

namespace DrawingFromDiffusion.Cli;

/// <summary>Options that several commands share, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> Db() => new("--db")
    {
        Description = $"catalog file, or a shared PostgreSQL catalog postgresql://user@host/db (default: $DFD_DB, else {CatalogLocation.DefaultDescription})",
        HelpName = "PATH",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "print machine-readable JSON on stdout",
    };
}
