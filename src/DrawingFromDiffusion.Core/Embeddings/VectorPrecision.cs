namespace DrawingFromDiffusion.Core.Embeddings;

/// <summary>
/// How vectors are stored: in the catalog (<c>embeddings.dtype</c> 'f32' or 'f16') and in the vector index files,
/// whose headers hold the number, so the numbers never change.
/// </summary>
public enum VectorPrecision
{
    Float32 = 0,
    Float16 = 1,
}
