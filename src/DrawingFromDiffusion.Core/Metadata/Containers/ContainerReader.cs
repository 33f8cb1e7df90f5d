using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Library;

namespace DrawingFromDiffusion.Core.Metadata.Containers;

/// <summary>Identifies the container by its magic bytes (never the extension) and collects its metadata texts.</summary>
internal static class ContainerReader
{
    public static MetadataSource Read(byte[] data, ContainerLimits limits) => FormatSniffer.Sniff(data.AsSpan(0, Math.Min(data.Length, FormatSniffer.HeaderLength))) switch
    {
        ImageFormat.Png => PngTextReader.Read(data, limits),
        ImageFormat.Jpeg => JpegTextReader.Read(data, limits),
        ImageFormat.WebP => WebPTextReader.Read(data, limits),
        var other => new MetadataSource(other, []),
    };
}
