namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>How two files were found to be the same picture, strongest first.</summary>
public enum DuplicateTier
{
    /// <summary>Byte-identical content (one image row, several files).</summary>
    Identical,

    /// <summary>Close perceptual hashes: re-encoded, resized, slightly cropped, retouched.</summary>
    Visual,

    /// <summary>Close embeddings: the same picture in different clothes.</summary>
    Semantic,

    /// <summary>The same generation with other parameters, from the generation metadata.</summary>
    Variation,
}
