using System.Text;

namespace DrawingFromDiffusion.Core.Metadata.Containers;

/// <summary>
/// Decodes EXIF UserComment from its raw bytes: the 8-byte charset prefix, UTF-16 in either byte order
/// (piexif writes big-endian, SwarmUI little-endian), or no prefix at all (Fooocus, ComfyUI savers).
/// </summary>
internal static class UserCommentDecoder
{
    public static string Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.StartsWith("UNICODE\0"u8))
        {
            return TextDecoding.TrimNuls(DecodeUtf16(raw[8..]));
        }

        if (raw.StartsWith("ASCII\0\0\0"u8) || raw.StartsWith("JIS\0\0\0\0\0"u8) || raw.StartsWith("\0\0\0\0\0\0\0\0"u8))
        {
            return TextDecoding.TrimNuls(TextDecoding.Utf8OrLatin1(raw[8..]));
        }

        return TextDecoding.TrimNuls(TextDecoding.Utf8OrLatin1(raw));
    }

    private static string DecodeUtf16(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(body[2..]);
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(body[2..]);
        }

        // For ASCII-range text the zero byte of each code unit comes first in big-endian, second in little-endian.
        int evenZeros = 0, oddZeros = 0;
        var sample = Math.Min(body.Length & ~1, 256);
        for (var i = 0; i < sample; i += 2)
        {
            evenZeros += body[i] == 0 ? 1 : 0;
            oddZeros += body[i + 1] == 0 ? 1 : 0;
        }

        return oddZeros > evenZeros ? Encoding.Unicode.GetString(body) : Encoding.BigEndianUnicode.GetString(body);
    }
}
