namespace DrawingFromDiffusion.Core.Embeddings;

/// <summary>An image tower. <see cref="Prepare"/> is thread-safe CPU work; <see cref="Embed"/> runs the model, one caller at a time.</summary>
public interface IImageEmbedder : IDisposable
{
    EmbeddingModelInfo Model { get; }

    /// <summary>Images per model call (1 for towers exported with a fixed batch).</summary>
    int BatchSize { get; }

    /// <summary>Decodes and preprocesses exactly as the pack's reference pipeline does.</summary>
    /// <exception cref="Imaging.ImageRejectedException">not decodable; the message says why.</exception>
    ImageTensor Prepare(Stream content, long maxPixels);

    /// <summary>L2-normalised vectors, one per input, in order.</summary>
    float[][] Embed(IReadOnlyList<ImageTensor> batch);
}
