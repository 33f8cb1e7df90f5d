namespace DrawingFromDiffusion.Core.Catalog;

public static class ImageFormatExtensions
{
    /// <summary>Containers whose frames only ffmpeg can decode.</summary>
    public static bool IsVideoContainer(this ImageFormat format) =>
        format is ImageFormat.Mp4 or ImageFormat.QuickTime or ImageFormat.Matroska;

    /// <summary>Formats that may hold several frames; <see cref="Library.FormatSniffer.IsAnimated"/> decides for one file.</summary>
    public static bool MayBeAnimated(this ImageFormat format) => format is ImageFormat.WebP or ImageFormat.Gif;
}
