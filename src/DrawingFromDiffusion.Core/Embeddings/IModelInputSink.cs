namespace DrawingFromDiffusion.Core.Embeddings;

/// <summary>Takes model inputs the scan prepared from its own decode, once their image rows are committed.</summary>
public interface IModelInputSink
{
    /// <summary>Waits while the model is behind, so the scan does not run ahead of it without bound.</summary>
    ValueTask AddAsync(long imageId, ImageTensor tensor, CancellationToken cancellationToken);
}
