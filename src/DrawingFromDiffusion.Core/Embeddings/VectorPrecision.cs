namespace DrawingFromDiffusion.Core.Embeddings;

/// <summary>How stored vectors are encoded (<c>embeddings.dtype</c>: 'f16' or 'f32').</summary>
public enum VectorPrecision
{
    Float16,
    Float32,
}
