using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Imaging;

/// <summary>Reads the size an image declares, without decoding a pixel: the check to make before trusting an upload.</summary>
public static class ImageHeader
{
    /// <returns>the declared width and height, or null when the header cannot be read.</returns>
    public static (int Width, int Height)? ReadSize(Stream content)
    {
        using var codec = SkiaCodecs.Open(content, out _);
        return codec is null ? null : (codec.Info.Width, codec.Info.Height);
    }
}
