namespace DrawingFromDiffusion.Onnx.Clip;

/// <summary>Which text tower file of a pack runs: the float one, or the opt-in int8 one (faster, slightly different vectors).</summary>
public enum TextPrecision
{
    Float32,
    Int8,
}
