using System.Text;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.IO;

namespace DrawingFromDiffusion.Core.Metadata.Containers;

/// <summary>Pulls the text-bearing tags out of a TIFF/EXIF block, using MetadataExtractor for the IFD walk and raw bytes for the values.</summary>
internal static class ExifTextExtractor
{
    private static readonly (int Tag, string Name)[] _textTags =
    [
        (ExifDirectoryBase.TagImageDescription, "ImageDescription"),
        (ExifDirectoryBase.TagMake, "Make"),
        (ExifDirectoryBase.TagModel, "Model"),
        (ExifDirectoryBase.TagSoftware, "Software"),
        (ExifDirectoryBase.TagArtist, "Artist"),
        (ExifDirectoryBase.TagDocumentName, "DocumentName"),
    ];

    /// <param name="tiff">a TIFF block, with or without the 6-byte <c>Exif\0\0</c> preamble.</param>
    public static IReadOnlyList<MetadataText> Extract(byte[] tiff, string location, List<string> warnings)
    {
        var offset = tiff.AsSpan().StartsWith("Exif\0\0"u8) ? 6 : 0;
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            directories = new ExifReader().Extract(new ByteArrayReader(tiff, offset));
        }
        catch (Exception ex) when (ex is IOException or ImageProcessingException or ArgumentException)
        {
            warnings.Add($"{location}: EXIF block is damaged ({ex.Message})");
            return [];
        }

        var texts = new List<MetadataText>();
        foreach (var directory in directories)
        {
            if (directory is ExifIfd0Directory or ExifSubIfdDirectory or ExifImageDirectory)
            {
                foreach (var (tag, name) in _textTags)
                {
                    if (RawBytes(directory.GetObject(tag)) is { Length: > 0 } raw)
                    {
                        texts.Add(new MetadataText(name, TextDecoding.TrimNuls(TextDecoding.Utf8OrLatin1(raw)), $"{location} {name}"));
                    }
                }

                if (RawBytes(directory.GetObject(ExifDirectoryBase.TagUserComment)) is { Length: > 0 } comment)
                {
                    texts.Add(new MetadataText("UserComment", UserCommentDecoder.Decode(comment), $"{location} UserComment"));
                }

                if (RawBytes(directory.GetObject(ExifDirectoryBase.TagWinComment)) is { Length: > 0 } xpComment)
                {
                    texts.Add(new MetadataText("XPComment", TextDecoding.TrimNuls(Encoding.Unicode.GetString(xpComment)), $"{location} XPComment"));
                }
            }
        }

        foreach (var directory in directories)
        {
            foreach (var error in directory.Errors)
            {
                warnings.Add($"{location}: {error}");
            }
        }

        return texts;
    }

    private static byte[]? RawBytes(object? value) => value switch
    {
        StringValue text => text.Bytes,
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        _ => null,
    };
}
