namespace DrawingFromDiffusion.Core.Embeddings;

/// <summary>A file that could not be read, decoded or preprocessed for embedding.</summary>
public sealed record EmbeddingFailure(long ImageId, string Path, string Reason);
