namespace DrawingFromDiffusion.App.Clustering;

internal sealed record KScore(int K, double Silhouette);
