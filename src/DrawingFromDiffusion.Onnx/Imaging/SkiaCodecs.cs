using DrawingFromDiffusion.Core.Imaging;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Imaging;

/// <summary>
/// Every SkiaSharp codec over encoded bytes is opened here, so that a PNG reaches the decoder without the
/// ancillary chunks it does not need (<see cref="PngDecoderStream"/>): decoding stays linear in the pixel data
/// whatever size of text chunk a file carries.
/// </summary>
public static class SkiaCodecs
{
    /// <summary>A codec over <paramref name="content"/>, read from its current position; the codec does not close it.</summary>
    public static SKCodec? Open(Stream content, out SKCodecResult result)
    {
        ArgumentNullException.ThrowIfNull(content);
        Stream input = PngDecoderStream.StartsWithPng(content) ? new PngDecoderStream(content) : new NotClosing(content);
        var codec = SKCodec.Create(input, out result);
        if (codec is null)
        {
            input.Dispose();
        }

        return codec;
    }

    /// <summary>A codec over encoded bytes.</summary>
    public static SKCodec? Open(ReadOnlyMemory<byte> encoded)
    {
        var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(encoded, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(encoded.ToArray(), writable: false);
        return Open(stream, out _);
    }

    /// <summary>SkiaSharp disposes the stream it is given along with the codec; the caller's stream stays the caller's.</summary>
    private sealed class NotClosing(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
