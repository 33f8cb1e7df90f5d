using System.CommandLine;
using DrawingFromDiffusion.Cli;

var root = DfdCommandLine.Create();
var parse = root.Parse(args);
if (DfdCommandLine.ReportErrors(parse, Console.Error))
{
    return ExitCodes.Usage;
}

// Ctrl+C cancels the action's token; the scan then commits its current batch, which takes well under this.
return await CommandBoundary.RunAsync(
    () => parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60), EnableDefaultExceptionHandler = false }),
    parse.GetValue<bool>(DfdCommandLine.Verbose),
    Console.Error);
