namespace DrawingFromDiffusion.Cli.Clustering;

internal sealed record KScore(int K, double Silhouette);
