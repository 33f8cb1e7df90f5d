namespace DrawingFromDiffusion.Core.VectorIndex;

/// <summary>One nearest neighbour: the image id and its cosine distance (1 − similarity) to the query.</summary>
public readonly record struct VectorHit(long Key, float Distance)
{
    public float Similarity => 1f - Distance;
}
