namespace DrawingFromDiffusion.App.Contracts;

/// <summary>An image of a cluster, captioned by its file name (contact sheets and the map's hover).</summary>
public sealed record ClusterImage(long ImageId, string? Name);
