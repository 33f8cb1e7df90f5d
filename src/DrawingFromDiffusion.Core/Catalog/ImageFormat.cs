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

    /// <summary>ISO base media file (ftyp box) other than QuickTime: .mp4, .m4v.</summary>
    Mp4,

    /// <summary>QuickTime (.mov): ftyp brand "qt  ", or an old file that opens with a moov/mdat/wide atom.</summary>
    QuickTime,

    /// <summary>EBML: WebM and Matroska (.webm, .mkv).</summary>
    Matroska,
}
