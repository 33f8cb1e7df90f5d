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
            // As Program does: a wrong command line is reported in one line per error, exit 2, before any action.
            var parse = command.Parse(args);
            var exit = DfdCommandLine.ReportErrors(parse, Console.Error) ? ExitCodes.Usage : parse.Invoke();
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
