using System.CommandLine;
using DrawingFromDiffusion.Cli;
using DrawingFromDiffusion.Cli.Commands;

var root = new RootCommand("dfd — similarity search over AI-generated images: scan folders into a catalog, search by text, image or prompt.")
{
    IndexCommand.Create(),
    StatsCommand.Create(),
    ErrorsCommand.Create(),
    ExportCommand.Create(),
    ServeCommand.Create(),
    ModelsCommand.Create(),
    DoctorCommand.Create(),
    MetaCommand.Create(),
    SearchCommand.Create(),
    SimilarCommand.Create(),
    AdherenceCommand.Create(),
    FacetsCommand.Create(),
    DupesCommand.Create(),
    ClustersCommand.Create(),
    TagCommand.Create(),
};
var verbose = new Option<bool>("--verbose") { Description = "on a failure, print the stack trace after the one-line message", Recursive = true };
root.Options.Add(verbose);

var parse = root.Parse(args);
// Ctrl+C cancels the action's token; the scan then commits its current batch, which takes well under this.
return await CommandBoundary.RunAsync(
    () => parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60), EnableDefaultExceptionHandler = false }),
    parse.GetValue(verbose),
    Console.Error);
