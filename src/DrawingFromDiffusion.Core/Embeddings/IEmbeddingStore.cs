namespace DrawingFromDiffusion.Core.Embeddings;

/// <summary>The port the embedding stage reads work from and writes vectors through; SQLite implements it in Storage.</summary>
public interface IEmbeddingStore
{
    /// <summary>Catalogued images without a vector for <paramref name="modelId"/>, by ascending id after <paramref name="afterImageId"/>.</summary>
    Task<IReadOnlyList<EmbeddingWork>> ListMissingAsync(string modelId, long afterImageId, int limit, CancellationToken cancellationToken);

    Task<int> CountMissingAsync(string modelId, CancellationToken cancellationToken);

    /// <summary>Commits one batch in one transaction; vectors already present for (image, model) are replaced.</summary>
    Task SaveAsync(string modelId, IReadOnlyList<ImageEmbedding> vectors, VectorPrecision precision, CancellationToken cancellationToken);
}

/// <param name="Path">one readable file holding the image's content (for a video frame, a label for messages).</param>
/// <param name="Content">the encoded pixels when there is no file to read (video frames).</param>
public sealed record EmbeddingWork(long ImageId, string Path, byte[]? Content = null);

public sealed record ImageEmbedding(long ImageId, float[] Vector);
