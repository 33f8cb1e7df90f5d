using DrawingFromDiffusion.Cli;

var root = DfdCommandLine.Create();
var parse = root.Parse(args);
if (DfdCommandLine.ReportErrors(parse, Console.Error))
{
    return ExitCodes.Usage;
}

// Ctrl+C cancels the action's token; the scan then commits its current batch, which takes well under this.
return await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
