namespace DrawingFromDiffusion.Cli.Tests;

[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;
