using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Storage;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Cli;

/// <summary>
/// The last catch of every command: an exception becomes one line on stderr and an exit code from
/// <see cref="ExitCodes"/> (the table in README.md); the stack trace only with <c>--verbose</c>.
/// </summary>
internal static class CommandBoundary
{
    public static async Task<int> RunAsync(Func<Task<int>> command, bool verbose, TextWriter errors)
    {
        try
        {
            return await command();
        }
        catch (Exception ex)
        {
            var (code, message) = Describe(ex);
            errors.WriteLine($"dfd: {OneLine(message)}");
            if (verbose)
            {
                errors.WriteLine(ex.ToString());
            }

            return code;
        }
    }

    internal static (int Code, string Message) Describe(Exception ex) => ex switch
    {
        OperationCanceledException => (ExitCodes.Interrupted, "interrupted"),
        InputFileException => (ExitCodes.BadInput, ex.Message),
        ImageRejectedException => (ExitCodes.BadInput, $"not a usable image: {ex.Message}"),
        CatalogInUseException => (ExitCodes.CatalogBusy, ex.Message),
        NotACatalogException => (ExitCodes.Failure, ex.Message),
        CatalogVersionException => (ExitCodes.Failure, ex.Message),
        SqliteException sqlite => (ExitCodes.Failure, $"catalog error: {sqlite.Message}"),
        FileNotFoundException missing => (ExitCodes.BadInput, $"no such file: {missing.FileName ?? missing.Message}"),
        DirectoryNotFoundException => (ExitCodes.BadInput, ex.Message),
        UnauthorizedAccessException => (ExitCodes.Failure, $"permission denied: {ex.Message}"),
        OutOfMemoryException => (ExitCodes.Failure, "out of memory; the input is too large"),
        IOException => (ExitCodes.Failure, ex.Message),
        _ => (ExitCodes.Failure, $"unexpected error ({ex.GetType().Name}): {ex.Message}; run again with --verbose for details"),
    };

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
