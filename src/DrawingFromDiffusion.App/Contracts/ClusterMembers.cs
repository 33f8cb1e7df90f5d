namespace DrawingFromDiffusion.App.Contracts;

/// <summary>One page of one cluster's images, nearest the centre first.</summary>
public sealed record ClusterMembers(ClusterInfo Cluster, IReadOnlyList<ClusterImage> Images, int Total, int Offset);
