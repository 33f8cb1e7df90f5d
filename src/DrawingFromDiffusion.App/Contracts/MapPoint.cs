namespace DrawingFromDiffusion.App.Contracts;

/// <summary>One image on the 2-D style map; X and Y in [0, 1].</summary>
public sealed record MapPoint(long ImageId, double X, double Y, int Cluster);
