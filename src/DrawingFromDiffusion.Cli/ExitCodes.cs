namespace DrawingFromDiffusion.Cli;

internal static class ExitCodes
{
    /// <summary>Done; some files may have been bad (they are in `dfd errors`).</summary>
    public const int Ok = 0;

    /// <summary>The catalog, a model or the machine failed: the message says what to do.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl+C; committed work is kept.</summary>
    public const int Interrupted = 130;
}
