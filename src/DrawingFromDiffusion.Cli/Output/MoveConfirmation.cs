namespace DrawingFromDiffusion.Cli.Output;

/// <summary>The question `dfd dupes --move-to` asks on the terminal before it moves anything.</summary>
internal static class MoveConfirmation
{
    /// <summary>A question needs someone to read it (stderr) and to answer it (stdin).</summary>
    public static bool CanAsk => !Console.IsInputRedirected && !Console.IsErrorRedirected;

    public static bool Ask(int files, string folder)
    {
        if (files == 0)
        {
            return true;
        }

        Console.Error.Write($"dfd: move {files} file(s) into {folder}? [y/N] ");
        var answer = Console.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }
}
