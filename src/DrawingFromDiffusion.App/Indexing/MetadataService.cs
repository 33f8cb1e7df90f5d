using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Onnx.Imaging;

namespace DrawingFromDiffusion.App.Indexing;

/// <summary>`dfd meta`: the generation metadata of one file's bytes, read as the scan reads it (stealth text in pixels included).</summary>
internal static class MetadataService
{
    public static MetadataParseResult Read(byte[] bytes) => new MetadataReader(new SkiaStealthTextReader()).Read(bytes);
}
