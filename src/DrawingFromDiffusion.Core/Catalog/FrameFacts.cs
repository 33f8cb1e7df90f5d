namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>One sampled frame: its time, what the image path derives from it, and its encoded pixels (kept for the embedding stage).</summary>
public sealed record FrameFacts(long TimestampMs, ImageFacts Facts, byte[] Image)
{
    /// <summary>Frames have no file of their own: their identity is the video's content plus the time.</summary>
    public static ContentHash HashOf(ContentHash video, long timestampMs)
    {
        Span<byte> key = stackalloc byte[24];
        video.ToBytes().CopyTo(key);
        BitConverter.TryWriteBytes(key[16..], timestampMs);
        return ContentHash.Of(key);
    }
}
