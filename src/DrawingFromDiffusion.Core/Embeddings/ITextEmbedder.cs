namespace DrawingFromDiffusion.Core.Embeddings;

/// <summary>A text tower: tokenizer plus model. Thread-safe.</summary>
public interface ITextEmbedder : IDisposable
{
    EmbeddingModelInfo Model { get; }

    /// <summary>The L2-normalised vector of <paramref name="text"/>.</summary>
    float[] Embed(string text);
}
