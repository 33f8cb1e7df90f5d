namespace DrawingFromDiffusion.App.Contracts;

/// <summary>One image on the page's map: its cluster and file name (its vector is at the same position in <see cref="ClusterPoints.Vectors"/>).</summary>
public sealed record ClusterPoint(long ImageId, int Cluster, string? Name);
