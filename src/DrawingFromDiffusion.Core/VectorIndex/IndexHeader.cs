using DrawingFromDiffusion.Core.Embeddings;
namespace DrawingFromDiffusion.Core.VectorIndex;

/// <summary>
/// What an index file was built from: checked against the catalog on open. <see cref="HighWaterMark"/> is the largest
/// <c>embeddings.seq</c> the index has read, so rows above it are the ones to append.
/// </summary>
public sealed record IndexHeader(
    int FormatVersion,
    string ModelId,
    int Dimensions,
    long Count,
    long HighWaterMark,
    string Kind,
    VectorPrecision Precision,
    int Connectivity,
    int ExpansionAdd,
    long IndexBytes)
{
    public const int CurrentFormatVersion = 1;
}
