namespace DrawingFromDiffusion.Core.Embeddings;

/// <summary>What a loaded model can do; vectors of different model ids are never compared.</summary>
/// <param name="Id">the pack id, also the <c>model_id</c> of its stored vectors.</param>
/// <param name="CanEmbedText">false for image-only packs: text search must then say so and use prompts only.</param>
/// <param name="PreprocessRevision">the image preprocessing's revision; stored vectors of another revision are stale.</param>
public sealed record EmbeddingModelInfo(string Id, int Dimensions, bool CanEmbedImages, bool CanEmbedText, string Description, int PreprocessRevision = 0);
