using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.Core.Metadata;

/// <summary>Everything a container yielded before any generator format is tried: text chunks, EXIF strings, XMP, C2PA.</summary>
public sealed class MetadataSource
{
    /// <summary>Each parser asks for a few keys: a lookup, not a walk of the texts per question.</summary>
    private readonly Dictionary<string, MetadataText> _firstByKey = new(StringComparer.Ordinal);

    public MetadataSource(ImageFormat format, IReadOnlyList<MetadataText> texts, C2paInfo? c2pa = null, IReadOnlyList<string>? warnings = null, bool mayHideStealthText = false)
    {
        Format = format;
        Texts = texts;
        C2pa = c2pa;
        Warnings = warnings ?? [];
        MayHideStealthText = mayHideStealthText;
        foreach (var text in texts)
        {
            _firstByKey.TryAdd(text.Key, text);
        }
    }


    public ImageFormat Format { get; }

    public IReadOnlyList<MetadataText> Texts { get; }

    public C2paInfo? C2pa { get; }

    /// <summary>Container problems met while reading (bad CRC, truncated chunk, inflate cap reached).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>A lossless image whose pixels could carry stealth pnginfo.</summary>
    public bool MayHideStealthText { get; }

    /// <summary>The first text stored under <paramref name="key"/> (PNG keywords are case-sensitive).</summary>
    public string? Get(string key) => Find(key)?.Value;

    public MetadataText? Find(string key) => _firstByKey.GetValueOrDefault(key);
}
