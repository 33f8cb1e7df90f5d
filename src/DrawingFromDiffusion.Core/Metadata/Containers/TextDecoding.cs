using System.Text;

namespace DrawingFromDiffusion.Core.Metadata.Containers;

/// <summary>Byte-to-text rules shared by the container readers.</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Strict UTF-8 first (Stability Matrix and Tensor.Art write UTF-8 into tEXt), else Latin-1.</summary>
    public static string Utf8OrLatin1(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return _strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>Lenient UTF-8: invalid sequences become U+FFFD instead of failing the whole value.</summary>
    public static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    public static string TrimNuls(string value) => value.Trim('\0');
}
