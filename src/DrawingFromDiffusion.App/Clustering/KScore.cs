namespace DrawingFromDiffusion.App.Clustering;

/// <param name="Modularity">of the fit's partition on the sample's nearest-neighbour graph: auto-k takes the best.</param>
internal sealed record KScore(int K, double Silhouette, double Modularity);
