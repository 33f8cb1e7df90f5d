using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.Core.Library;

/// <summary>Recognises image containers by their first bytes.</summary>
public static class FormatSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
    public const int HeaderLength = 16;

    private static readonly byte[] _pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly HashSet<string> _imageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".webp", ".gif", ".bmp", ".dib", ".apng",
    };

    public static ImageFormat Sniff(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith(_pngSignature))
        {
            return ImageFormat.Png;
        }

        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }

        if (header.StartsWith("BM"u8) && header.Length >= 14)
        {
            return ImageFormat.Bmp;
        }

        return ImageFormat.Unknown;
    }

    /// <summary>An unrecognised file with one of these extensions is reported, not silently ignored.</summary>
    public static bool HasImageExtension(string path) => _imageExtensions.Contains(Path.GetExtension(path));
}
