namespace DrawingFromDiffusion.Core.VectorIndex;

/// <summary>How an index stores its vectors.</summary>
public enum VectorPrecision
{
    Float32,
    Float16,
}
