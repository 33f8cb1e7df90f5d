namespace DrawingFromDiffusion.Core.Clustering;

/// <summary>How good a k-means fit with <see cref="K"/> clusters is on the auto-k sample.</summary>
/// <param name="Modularity">modularity of the partition on the sample's nearest-neighbour graph: chooses k.</param>
/// <param name="Silhouette">mean cosine silhouette: reported only.</param>
public sealed record KQuality(int K, double Modularity, double Silhouette);
