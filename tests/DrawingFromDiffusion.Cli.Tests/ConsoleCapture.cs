using System.CommandLine;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>Runs a command with stdout and stderr captured; tests using it share one collection because Console is global.</summary>
internal static class ConsoleCapture
{
    public static (int ExitCode, string Out, string Error) Run(Command command, params string[] args)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = command.Parse(args).Invoke();
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
