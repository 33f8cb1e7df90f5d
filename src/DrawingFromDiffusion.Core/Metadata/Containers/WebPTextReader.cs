using System.Buffers.Binary;
using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.Core.Metadata.Containers;

/// <summary>WebP: RIFF chunks EXIF (with or without the Exif preamble), "XMP " and C2PA; animated files keep EXIF after the frames.</summary>
internal static class WebPTextReader
{
    public static MetadataSource Read(ReadOnlySpan<byte> data, ContainerLimits limits)
    {
        var texts = new List<MetadataText>();
        var warnings = new List<string>();
        C2paInfo? c2pa = null;
        var position = 12;
        while (position + 8 <= data.Length)
        {
            var fourCc = data.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data[(position + 4)..]);
            var start = position + 8;
            if (start + (long)size > data.Length)
            {
                warnings.Add($"WebP chunk {System.Text.Encoding.Latin1.GetString(fourCc)} runs past the end of the file");
                break;
            }

            var body = data.Slice(start, (int)size);
            position = start + (int)size + (int)(size & 1);
            if (fourCc.SequenceEqual("EXIF"u8))
            {
                texts.AddRange(ExifTextExtractor.Extract(body.ToArray(), "WebP EXIF", warnings));
            }
            else if (fourCc.SequenceEqual("XMP "u8) && body.Length <= limits.MaxTextChars)
            {
                texts.Add(new MetadataText("XMP", TextDecoding.Utf8(body), "WebP XMP"));
            }
            else if (fourCc.SequenceEqual("C2PA"u8))
            {
                c2pa ??= C2paScanner.Scan(body);
            }
        }

        return new MetadataSource(ImageFormat.WebP, texts, c2pa, warnings);
    }
}
