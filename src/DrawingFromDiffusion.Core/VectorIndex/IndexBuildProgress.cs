namespace DrawingFromDiffusion.Core.VectorIndex;

/// <summary>Progress of building or updating a vector index: <paramref name="Done"/> of <paramref name="Total"/> vectors.</summary>
public sealed record IndexBuildProgress(string Stage, long Done, long Total);
