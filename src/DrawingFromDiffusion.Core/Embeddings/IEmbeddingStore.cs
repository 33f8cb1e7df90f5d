namespace DrawingFromDiffusion.Core.Embeddings;

/// <summary>The port the embedding stage reads work from and writes vectors through; SQLite implements it in Storage.</summary>
public interface IEmbeddingStore
{
    /// <summary>
    /// Catalogued images without a vector for <paramref name="modelId"/> made under <paramref name="preprocessRevision"/>
    /// (a vector of another revision is stale and listed again), by ascending id after <paramref name="afterImageId"/>.
    /// Images whose file already failed to embed, unchanged since, are left out unless <paramref name="retryFailed"/>.
    /// </summary>
    Task<IReadOnlyList<EmbeddingWork>> ListMissingAsync(string modelId, int preprocessRevision, long afterImageId, int limit, bool retryFailed, CancellationToken cancellationToken);

    Task<int> CountMissingAsync(string modelId, int preprocessRevision, bool retryFailed, CancellationToken cancellationToken);

    /// <summary>Commits one batch in one transaction; vectors already present for (image, model) are replaced, and earlier embedding failures of these images are forgotten.</summary>
    Task SaveAsync(string modelId, int preprocessRevision, IReadOnlyList<ImageEmbedding> vectors, VectorPrecision precision, CancellationToken cancellationToken);

    /// <summary>Remembers files that could not be embedded, so unchanged ones are not tried again on every run.</summary>
    Task RecordFailuresAsync(IReadOnlyList<EmbeddingFailure> failures, CancellationToken cancellationToken);
}

/// <param name="Path">one readable file holding the image's content (for a video frame, a label for messages).</param>
/// <param name="Content">the encoded pixels when there is no file to read (video frames).</param>
public sealed record EmbeddingWork(long ImageId, string Path, byte[]? Content = null);

public sealed record ImageEmbedding(long ImageId, float[] Vector);
