namespace DrawingFromDiffusion.App.Contracts;

public sealed record ClusterReport(IReadOnlyList<ClusterInfo> Clusters, IReadOnlyList<MapPoint> Map, string? Note);
