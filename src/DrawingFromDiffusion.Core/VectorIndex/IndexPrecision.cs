namespace DrawingFromDiffusion.Core.VectorIndex;

/// <summary>How an index stores its vectors.</summary>
public enum IndexPrecision
{
    Float32,
    Float16,
}
