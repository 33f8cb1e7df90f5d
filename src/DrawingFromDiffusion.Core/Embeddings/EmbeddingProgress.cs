namespace DrawingFromDiffusion.Core.Embeddings;

public sealed record EmbeddingProgress(int Total, int Embedded, int Failed, TimeSpan Elapsed);
