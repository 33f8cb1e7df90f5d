namespace DrawingFromDiffusion.Core.Metadata;

/// <summary>Reads "stealth pnginfo" text hidden in pixel least-significant bits; needs a pixel decoder, so it lives outside Core.</summary>
public interface IStealthTextReader
{
    /// <summary>The hidden text and its signature, or null when the pixels carry none.</summary>
    MetadataText? TryRead(ReadOnlyMemory<byte> image);
}
