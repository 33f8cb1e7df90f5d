using System.Buffers.Binary;
using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.Core.Library;

/// <summary>Recognises image and video containers by their first bytes.</summary>
public static class FormatSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
    public const int HeaderLength = 16;

    private static readonly byte[] _pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] _ebmlSignature = [0x1A, 0x45, 0xDF, 0xA3];

    private static readonly HashSet<string> _imageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".webp", ".gif", ".bmp", ".dib", ".apng",
    };

    private static readonly HashSet<string> _videoExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".m4v", ".mov", ".webm", ".mkv",
    };

    // HEIF and AVIF stills share the ftyp box with MP4; they are not videos.
    private static readonly HashSet<string> _stillImageBrands = new(StringComparer.Ordinal)
    {
        "avif", "avis", "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1",
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

        if (header.StartsWith(_ebmlSignature))
        {
            return ImageFormat.Matroska;
        }

        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(header[8..12]);
            return brand == "qt  " ? ImageFormat.QuickTime
                : _stillImageBrands.Contains(brand) ? ImageFormat.Unknown
                : ImageFormat.Mp4;
        }

        if (header.Length >= 8 && (header[4..8].SequenceEqual("moov"u8) || header[4..8].SequenceEqual("mdat"u8) || header[4..8].SequenceEqual("wide"u8)))
        {
            return ImageFormat.QuickTime;
        }

        return ImageFormat.Unknown;
    }

    /// <summary>
    /// Whether a WebP or GIF holds more than one frame. Needs the whole file for a GIF (frames are
    /// counted), only the first chunks for a WebP (VP8X animation flag or an ANIM chunk).
    /// </summary>
    public static bool IsAnimated(ReadOnlySpan<byte> content) => Sniff(content) switch
    {
        ImageFormat.WebP => IsAnimatedWebP(content),
        ImageFormat.Gif => CountGifFrames(content, stopAt: 2) >= 2,
        _ => false,
    };

    /// <summary>An unrecognised file with one of these extensions is reported, not silently ignored.</summary>
    public static bool HasImageExtension(string path) => _imageExtensions.Contains(Path.GetExtension(path));

    public static bool HasVideoExtension(string path) => _videoExtensions.Contains(Path.GetExtension(path));

    private static bool IsAnimatedWebP(ReadOnlySpan<byte> content)
    {
        var offset = 12;
        while (offset + 8 <= content.Length)
        {
            var fourCc = content.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(content.Slice(offset + 4, 4));
            if (fourCc.SequenceEqual("VP8X"u8) && offset + 8 < content.Length && (content[offset + 8] & 0x02) != 0)
            {
                return true;
            }

            if (fourCc.SequenceEqual("ANIM"u8) || fourCc.SequenceEqual("ANMF"u8))
            {
                return true;
            }

            // Chunks are padded to an even size.
            var next = (long)offset + 8 + size + (size & 1);
            if (next > content.Length || next <= offset)
            {
                return false;
            }

            offset = (int)next;
        }

        return false;
    }

    /// <summary>Walks the GIF block structure counting image descriptors; a damaged block ends the count.</summary>
    internal static int CountGifFrames(ReadOnlySpan<byte> gif, int stopAt)
    {
        if (gif.Length < 13)
        {
            return 0;
        }

        var pos = 13;
        if ((gif[10] & 0x80) != 0)
        {
            pos += 3 * (1 << ((gif[10] & 0x07) + 1));
        }

        var frames = 0;
        while (pos < gif.Length && frames < stopAt)
        {
            switch (gif[pos])
            {
                case 0x2C:
                    frames++;
                    if (pos + 10 > gif.Length)
                    {
                        return frames;
                    }

                    var flags = gif[pos + 9];
                    pos += 10;
                    if ((flags & 0x80) != 0)
                    {
                        pos += 3 * (1 << ((flags & 0x07) + 1));
                    }

                    pos++; // LZW minimum code size
                    pos = SkipSubBlocks(gif, pos);
                    break;
                case 0x21:
                    pos = SkipSubBlocks(gif, pos + 2);
                    break;
                default:
                    return frames; // 0x3B trailer, or garbage
            }
        }

        return frames;
    }

    private static int SkipSubBlocks(ReadOnlySpan<byte> gif, int pos)
    {
        while (pos < gif.Length)
        {
            var length = gif[pos];
            pos += 1 + length;
            if (length == 0)
            {
                break;
            }
        }

        return pos;
    }
}
