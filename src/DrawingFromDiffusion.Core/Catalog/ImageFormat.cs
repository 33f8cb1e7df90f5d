namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>Container formats recognised by their content signature, never by extension.</summary>
public enum ImageFormat
{
    Unknown = 0,
    Png,
    Jpeg,
    WebP,
    Gif,
    Bmp,
}
