using System.Buffers.Binary;
using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.Core.Metadata.Containers;

/// <summary>
/// Walks PNG chunks and collects every tEXt, zTXt and iTXt, including those after IDAT. Hand-written rather than
/// MetadataExtractor because that library inflates zTXt without a limit and joins keyword and text into one string.
/// </summary>
internal static class PngTextReader
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool IsPng(ReadOnlySpan<byte> data) => data.StartsWith(Signature);

    public static MetadataSource Read(ReadOnlySpan<byte> data, ContainerLimits limits)
    {
        var texts = new List<MetadataText>();
        var warnings = new List<string>();
        C2paInfo? c2pa = null;
        var hasAlpha = false;
        long total = 0;
        var position = Signature.Length;
        while (position + 8 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
            var type = data.Slice(position + 4, 4);
            var start = position + 8;
            if (length > int.MaxValue || start + (long)length > data.Length)
            {
                warnings.Add($"PNG chunk {Ascii(type)} at byte {position} runs past the end of the file; text chunks after it are lost");
                break;
            }

            var body = data.Slice(start, (int)length);
            position = start + (int)length + 4;
            if (type.SequenceEqual("IEND"u8))
            {
                break;
            }

            if (type.SequenceEqual("IHDR"u8) && body.Length >= 10)
            {
                hasAlpha = body[9] is 4 or 6;
                continue;
            }

            if (type.SequenceEqual("caBX"u8))
            {
                c2pa ??= C2paScanner.Scan(body);
                continue;
            }

            if (type.SequenceEqual("eXIf"u8))
            {
                texts.AddRange(ExifTextExtractor.Extract(body.ToArray(), "PNG eXIf", warnings));
                continue;
            }

            MetadataText? text = null;
            if (type.SequenceEqual("tEXt"u8))
            {
                text = ReadText(body);
            }
            else if (type.SequenceEqual("zTXt"u8))
            {
                text = ReadCompressedText(body, limits, warnings);
            }
            else if (type.SequenceEqual("iTXt"u8))
            {
                text = ReadInternationalText(body, limits, warnings);
            }

            if (text is null)
            {
                continue;
            }

            if (text.Value.Length > limits.MaxTextChars)
            {
                warnings.Add($"PNG {text.Location} '{text.Key}' holds {text.Value.Length} characters; kept the first {limits.MaxTextChars}");
                text = text with { Value = text.Value[..limits.MaxTextChars] };
            }

            total += text.Value.Length;
            if (total > limits.MaxTotalChars)
            {
                warnings.Add($"PNG text chunks exceed {limits.MaxTotalChars} characters in all; the rest are ignored");
                break;
            }

            texts.Add(text);
        }

        return new MetadataSource(ImageFormat.Png, texts, c2pa, warnings, mayHideStealthText: hasAlpha);
    }

    private static MetadataText? ReadText(ReadOnlySpan<byte> body)
    {
        var nul = body.IndexOf((byte)0);
        if (nul <= 0)
        {
            return null;
        }

        return new MetadataText(Ascii(body[..nul]), TextDecoding.Utf8OrLatin1(body[(nul + 1)..]), "PNG tEXt");
    }

    private static MetadataText? ReadCompressedText(ReadOnlySpan<byte> body, ContainerLimits limits, List<string> warnings)
    {
        var nul = body.IndexOf((byte)0);
        if (nul <= 0 || nul + 2 > body.Length)
        {
            return null;
        }

        var key = Ascii(body[..nul]);
        var inflated = Inflate(body[(nul + 2)..], key, "zTXt", limits, warnings);
        return inflated is null ? null : new MetadataText(key, TextDecoding.Utf8OrLatin1(inflated), "PNG zTXt");
    }

    private static MetadataText? ReadInternationalText(ReadOnlySpan<byte> body, ContainerLimits limits, List<string> warnings)
    {
        var nul = body.IndexOf((byte)0);
        if (nul <= 0 || nul + 3 > body.Length)
        {
            return null;
        }

        var key = Ascii(body[..nul]);
        var compressed = body[nul + 1] == 1;
        var rest = body[(nul + 3)..];
        var languageEnd = rest.IndexOf((byte)0);
        if (languageEnd < 0)
        {
            return null;
        }

        rest = rest[(languageEnd + 1)..];
        var translatedEnd = rest.IndexOf((byte)0);
        if (translatedEnd < 0)
        {
            return null;
        }

        rest = rest[(translatedEnd + 1)..];
        if (!compressed)
        {
            return new MetadataText(key, TextDecoding.Utf8(rest), "PNG iTXt");
        }

        var inflated = Inflate(rest, key, "iTXt", limits, warnings);
        return inflated is null ? null : new MetadataText(key, TextDecoding.Utf8(inflated), "PNG iTXt");
    }

    private static byte[]? Inflate(ReadOnlySpan<byte> compressed, string key, string chunk, ContainerLimits limits, List<string> warnings)
    {
        var (bytes, truncated) = BoundedInflater.Inflate(compressed, limits.MaxInflatedBytes);
        if (bytes is null)
        {
            warnings.Add($"PNG {chunk} '{key}' is not valid zlib data; skipped");
            return null;
        }

        if (truncated)
        {
            warnings.Add($"PNG {chunk} '{key}' inflates past {limits.MaxInflatedBytes / (1024 * 1024)} MiB or is cut short; kept the first {bytes.Length} bytes (truncated)");
        }

        return bytes;
    }

    private static string Ascii(ReadOnlySpan<byte> bytes) => System.Text.Encoding.Latin1.GetString(bytes);
}
