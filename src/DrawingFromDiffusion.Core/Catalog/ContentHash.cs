using System.Globalization;
using System.IO.Hashing;

namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>XxHash128 of a file's bytes: identical copies share one image row.</summary>
public readonly record struct ContentHash(UInt128 Value)
{
    public static ContentHash Of(ReadOnlySpan<byte> content) => new(XxHash128.HashToUInt128(content));

    public static async Task<ContentHash> OfStreamAsync(Stream stream, CancellationToken cancellationToken)
    {
        var hasher = new XxHash128();
        await hasher.AppendAsync(stream, cancellationToken).ConfigureAwait(false);
        return new ContentHash(hasher.GetCurrentHashAsUInt128());
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return bytes;
    }

    public static ContentHash FromBytes(ReadOnlySpan<byte> bytes) =>
        new(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes));

    public override string ToString() => Value.ToString("x32", CultureInfo.InvariantCulture);
}
