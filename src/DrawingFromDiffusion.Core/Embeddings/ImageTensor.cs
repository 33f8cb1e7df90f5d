namespace DrawingFromDiffusion.Core.Embeddings;

/// <summary>One image prepared for a model (resized, cropped, normalised): the model's input, opaque to the pipeline.</summary>
public sealed class ImageTensor(float[] data)
{
    public float[] Data { get; } = data;
}
