namespace DrawingFromDiffusion.App.Clustering;

/// <param name="PerCluster">image counts, index 0 for cluster 1.</param>
internal sealed record SpreadRow(string Name, int Images, IReadOnlyList<int> PerCluster);
