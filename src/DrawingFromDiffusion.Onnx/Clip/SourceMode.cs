namespace DrawingFromDiffusion.Onnx.Clip;

/// <summary>The Pillow mode a file opens in, which decides how the reference resizes it.</summary>
internal enum SourceMode
{
    Rgb,
    Rgba,
    Gray,
    GrayAlpha,
    Palette,
}
