using MetadataExtractor;
using MetadataExtractor.Formats.Png;

namespace DrawingFromDiffusion.Core.Video;

/// <summary>VideoHelperSuite saves the first frame with the prompt as a PNG next to the video, under the same name.</summary>
public static class VideoSidecar
{
    public static string? FindPng(string videoPath)
    {
        var candidate = Path.ChangeExtension(videoPath, ".png");
        return File.Exists(candidate) ? candidate : null;
    }

    /// <summary>The side-car's text chunks (prompt, workflow…); empty when it cannot be read.</summary>
    public static IReadOnlyDictionary<string, string> ReadPngTexts(string pngPath)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var stream = File.OpenRead(pngPath);
            foreach (var directory in PngMetadataReader.ReadMetadata(stream).OfType<PngDirectory>())
            {
                if (directory.GetObject(PngDirectory.TagTextualData) is IList<MetadataExtractor.KeyValuePair> pairs)
                {
                    foreach (var pair in pairs)
                    {
                        texts.TryAdd(pair.Key, pair.Value.ToString(System.Text.Encoding.UTF8));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ImageProcessingException)
        {
            return texts;
        }

        return texts;
    }
}
