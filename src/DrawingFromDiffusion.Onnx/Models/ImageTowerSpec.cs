namespace DrawingFromDiffusion.Onnx.Models;

/// <summary>The image tower and the preprocessing its reference applies (docs: clip-preprocess.md).</summary>
public sealed record ImageTowerSpec
{
    public required string File { get; init; }

    public required string Input { get; init; }

    public string InputDtype { get; init; } = "float32";

    /// <summary>Output tensor name; null = the first output.</summary>
    public string? Output { get; init; }

    public int Size { get; init; } = 224;

    /// <summary>"shortest" (shortest side to <see cref="Size"/>, then centre crop) or "squash" (straight to Size×Size).</summary>
    public string Resize { get; init; } = "shortest";

    /// <summary>"torchvision": <c>int(size·long/short)</c>; "immich": <c>int(long/short·size)</c>.</summary>
    public string SizeRounding { get; init; } = "torchvision";

    /// <summary>"half_even" (torchvision) or "floor" (HF, Immich).</summary>
    public string CropRounding { get; init; } = "half_even";

    /// <summary>"after_resize" (OpenAI/open_clip: resize in the decoded mode) or "before_resize" (HF, Immich).</summary>
    public string ConvertRgb { get; init; } = "after_resize";

    /// <summary>
    /// "none": the reference transforms (transparent pixels keep their hidden RGB, usually black); "white": straight alpha
    /// composited onto white before any resize, so line art on a transparent canvas stays line art.
    /// </summary>
    public string Background { get; init; } = "none";

    /// <summary>Bumped when a pack's preprocessing changes: vectors stored under another revision are re-embedded by <c>dfd index</c>.</summary>
    public int PreprocessRevision { get; init; }

    public float[] Mean { get; init; } = [0.48145466f, 0.4578275f, 0.40821073f];

    public float[] Std { get; init; } = [0.26862954f, 0.26130258f, 0.27577711f];

    /// <summary>"rgb" or "bgr".</summary>
    public string ChannelOrder { get; init; } = "rgb";

    public string Layout { get; init; } = "nchw";

    /// <summary>Pixel value = u8 / PixelScale before mean/std (255 for CLIP, 1 for Caffe-style 0..255 inputs).</summary>
    public float PixelScale { get; init; } = 255f;

    /// <summary>Batch size the graph is fixed to (1 for some exports); null = dynamic.</summary>
    public int? FixedBatch { get; init; }

    /// <summary>Optional ONNX graph run before the tower (e.g. ResNetPreprocess.onnx: RGB→BGR, mean image).</summary>
    public string? PreprocessFile { get; init; }

    public string? PreprocessInput { get; init; }

    public string? PreprocessOutput { get; init; }
}
