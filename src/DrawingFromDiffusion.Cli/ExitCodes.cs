namespace DrawingFromDiffusion.Cli;

/// <summary>The exit codes of every command; README.md has the same table.</summary>
internal static class ExitCodes
{
    /// <summary>Done; some files may have been bad (they are in `dfd errors`).</summary>
    public const int Ok = 0;

    /// <summary>The catalog, a model or the machine failed: the message says what to do.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>A file named on the command line cannot be used: not a regular file, too large, not an image.</summary>
    public const int BadInput = 3;

    /// <summary>Another `dfd index` is writing the catalog and --no-wait was given.</summary>
    public const int CatalogBusy = 4;

    /// <summary>Interrupted by Ctrl+C; committed work is kept.</summary>
    public const int Interrupted = 130;
}
