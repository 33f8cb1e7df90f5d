namespace DrawingFromDiffusion.App.Clustering;

/// <summary>The result of `dfd clusters`, as printed and as written to --out.</summary>
/// <param name="KChoice">"given" or "auto (best neighbour-graph modularity …)".</param>
/// <param name="Silhouettes">the scores auto-k compared; empty for a given k.</param>
internal sealed record ClustersRun(
    string Catalog,
    string ModelId,
    int K,
    string KChoice,
    int Seed,
    int Images,
    int Dimensions,
    double Seconds,
    IReadOnlyList<ClusterSummary> Clusters,
    IReadOnlyList<KScore> Silhouettes,
    ClusterSpread? By,
    string? Note);
