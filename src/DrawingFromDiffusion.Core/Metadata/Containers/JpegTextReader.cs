using DrawingFromDiffusion.Core.Catalog;
using MetadataExtractor;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.IO;

namespace DrawingFromDiffusion.Core.Metadata.Containers;

/// <summary>JPEG: APP1 EXIF and XMP, APP11 C2PA (JUMBF), COM. MetadataExtractor walks the segments.</summary>
internal static class JpegTextReader
{
    private static readonly JpegSegmentType[] _wanted = [JpegSegmentType.App1, JpegSegmentType.AppB, JpegSegmentType.Com];

    public static MetadataSource Read(byte[] data, ContainerLimits limits)
    {
        var texts = new List<MetadataText>();
        var warnings = new List<string>();
        var jumbf = new MemoryStream();
        try
        {
            foreach (var segment in JpegSegmentReader.ReadSegments(new SequentialByteArrayReader(data), _wanted))
            {
                var bytes = segment.Bytes;
                if (segment.Type == JpegSegmentType.App1 && bytes.AsSpan().StartsWith("Exif\0\0"u8))
                {
                    texts.AddRange(ExifTextExtractor.Extract(bytes, "JPEG EXIF", warnings));
                }
                else if (segment.Type == JpegSegmentType.App1 && bytes.AsSpan().StartsWith(XmpText.JpegPreamble))
                {
                    texts.Add(new MetadataText("XMP", TextDecoding.Utf8(bytes.AsSpan(XmpText.JpegPreamble.Length)), "JPEG XMP"));
                }
                else if (segment.Type == JpegSegmentType.AppB && bytes.AsSpan().StartsWith("JP"u8) && jumbf.Length < limits.MaxInflatedBytes)
                {
                    // Several APP11 segments carry one JUMBF store; we only look for keys, so joining their payloads is enough.
                    jumbf.Write(bytes, Math.Min(bytes.Length, 8), Math.Max(0, bytes.Length - 8));
                }
                else if (segment.Type == JpegSegmentType.Com)
                {
                    texts.Add(new MetadataText("Comment", TextDecoding.TrimNuls(TextDecoding.Utf8OrLatin1(bytes)), "JPEG COM"));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ImageProcessingException)
        {
            warnings.Add($"JPEG segments are damaged ({ex.Message}); kept what was read before");
        }

        var c2pa = jumbf.Length > 0 ? C2paScanner.Scan(jumbf.GetBuffer().AsSpan(0, (int)jumbf.Length)) : null;
        return new MetadataSource(ImageFormat.Jpeg, texts, c2pa, warnings);
    }
}
