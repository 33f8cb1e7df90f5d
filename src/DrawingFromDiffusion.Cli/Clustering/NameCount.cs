namespace DrawingFromDiffusion.Cli.Clustering;

internal sealed record NameCount(string Name, int Count);
