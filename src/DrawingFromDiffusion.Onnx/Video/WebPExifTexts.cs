using DrawingFromDiffusion.Core.Video;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.WebP;

namespace DrawingFromDiffusion.Onnx.Video;

/// <summary>
/// ComfyUI's animated-WebP savers put the graph in EXIF: Model (0x0110) = "prompt:{…}",
/// Make (0x010F) = "workflow:{…}" (metadata-spec §1.3). Returned as PNG-style text keys.
/// </summary>
internal static class WebPExifTexts
{
    public static IReadOnlyDictionary<string, string> Read(Stream webp)
    {
        var tags = new List<KeyValuePair<string, string>>();
        try
        {
            foreach (var directory in WebPMetadataReader.ReadMetadata(webp).OfType<ExifIfd0Directory>())
            {
                foreach (var tag in (int[])[ExifDirectoryBase.TagMake, ExifDirectoryBase.TagModel, ExifDirectoryBase.TagImageDescription])
                {
                    var value = directory.GetString(tag);
                    if (string.IsNullOrEmpty(value))
                    {
                        continue;
                    }

                    var colon = value.IndexOf(':', StringComparison.Ordinal);
                    var key = colon > 0 ? value[..colon] : null;
                    tags.Add(key is "prompt" or "workflow"
                        ? new(key, value[(colon + 1)..])
                        : new(tag == ExifDirectoryBase.TagImageDescription ? "description" : "comment", value));
                }
            }
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException)
        {
            return new Dictionary<string, string>();
        }

        return VideoMetadataTexts.FromTags(tags);
    }
}
