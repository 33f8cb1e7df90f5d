namespace DrawingFromDiffusion.Core.VectorIndex;

/// <summary>A vector index could not be created, read, written or queried.</summary>
public sealed class VectorIndexException : Exception
{
    public VectorIndexException(string message)
        : base(message)
    {
    }

    public VectorIndexException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
