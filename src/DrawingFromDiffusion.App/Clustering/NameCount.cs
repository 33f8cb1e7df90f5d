namespace DrawingFromDiffusion.App.Clustering;

internal sealed record NameCount(string Name, int Count);
