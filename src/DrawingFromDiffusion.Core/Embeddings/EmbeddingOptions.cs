namespace DrawingFromDiffusion.Core.Embeddings;

public sealed record EmbeddingOptions
{
    /// <summary>Files decoded and preprocessed in parallel.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    public VectorPrecision Precision { get; init; } = VectorPrecision.Float16;

    public long MaxPixels { get; init; } = 100_000_000;

    /// <summary>Try again the images whose file failed before and has not changed since.</summary>
    public bool RetryFailed { get; init; }
}
