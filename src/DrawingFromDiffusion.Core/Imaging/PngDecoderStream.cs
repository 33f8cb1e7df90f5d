using System.Buffers.Binary;

namespace DrawingFromDiffusion.Core.Imaging;

/// <summary>
/// A PNG as a pixel decoder needs it: the signature and every chunk that changes the pixels (critical chunks,
/// transparency, colour space, animation), with text and other ancillary chunks skipped — by seeking when the
/// source can seek. libpng's progressive reader gathers a whole ancillary chunk by growing and copying its
/// buffer once per few KB read, so an 8 MB tEXt chunk cost seconds and a 50 MB one minutes; unread, it costs nothing.
/// Forward-only; the chunks are passed through unchanged (CRCs stay valid).
/// </summary>
public sealed class PngDecoderStream(Stream source) : Stream
{
    /// <summary>A colour profile or EXIF block larger than this is skipped: real ones are a few KB.</summary>
    public const int MaxKeptAncillaryBytes = 1 << 20;

    private static readonly HashSet<string> _pixelChunks = ["tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "cICP", "eXIf", "acTL", "fcTL", "fdAT"];

    private readonly byte[] _pending = new byte[8];
    private int _pendingLength;
    private int _pendingOffset;
    private long _bodyLeft;
    private bool _started;
    private bool _ended;

    /// <summary>Bytes of the source that were never handed to the decoder.</summary>
    public long SkippedBytes { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>True when <paramref name="content"/> (seekable) starts with the PNG signature; its position is left as it was.</summary>
    public static bool StartsWithPng(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            return false;
        }

        var at = content.Position;
        Span<byte> signature = stackalloc byte[8];
        var read = content.ReadAtLeast(signature, 8, throwOnEndOfStream: false);
        content.Position = at;
        return read == 8 && signature.SequenceEqual(PngSignature);
    }

    /// <summary>Whether a pixel decoder needs a chunk of this type and length.</summary>
    public static bool IsPixelChunk(ReadOnlySpan<byte> type, long length)
    {
        if (type.Length != 4)
        {
            return true;
        }

        // Bit 5 of the first letter clear: a critical chunk, which a decoder must see (or refuse).
        if ((type[0] & 0x20) == 0)
        {
            return true;
        }

        return length <= MaxKeptAncillaryBytes && _pixelChunks.Contains(System.Text.Encoding.ASCII.GetString(type));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            if (_pendingOffset < _pendingLength)
            {
                var n = Math.Min(buffer.Length, _pendingLength - _pendingOffset);
                _pending.AsSpan(_pendingOffset, n).CopyTo(buffer);
                _pendingOffset += n;
                return n;
            }

            if (_bodyLeft > 0)
            {
                var n = source.Read(buffer[..(int)Math.Min(buffer.Length, _bodyLeft)]);
                _bodyLeft = n == 0 ? 0 : _bodyLeft - n;
                return n;
            }

            if (_ended || !NextChunk())
            {
                return 0;
            }
        }

        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Reads the next header into the pending buffer; skips chunks the decoder does not need. False at the end.</summary>
    private bool NextChunk()
    {
        while (true)
        {
            var read = source.ReadAtLeast(_pending, 8, throwOnEndOfStream: false);
            _pendingOffset = 0;
            _pendingLength = read;
            if (!_started)
            {
                // The signature: passed through as it is.
                _started = true;
                _ended = read < 8;
                return read > 0;
            }

            if (read < 8)
            {
                // A truncated header: the decoder sees it and says so.
                _ended = true;
                return read > 0;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(_pending);
            var type = _pending.AsSpan(4, 4);
            if (IsPixelChunk(type, length))
            {
                _bodyLeft = length + 4L;
                _ended = type.SequenceEqual("IEND"u8);
                return true;
            }

            SkippedBytes += 8;
            Skip(length + 4L);
        }
    }

    private void Skip(long bytes)
    {
        if (source.CanSeek)
        {
            var target = Math.Min(source.Length, source.Position + bytes);
            SkippedBytes += target - source.Position;
            source.Position = target;
            return;
        }

        var scratch = new byte[81920];
        while (bytes > 0)
        {
            var n = source.Read(scratch, 0, (int)Math.Min(scratch.Length, bytes));
            if (n == 0)
            {
                return;
            }

            bytes -= n;
            SkippedBytes += n;
        }
    }
}
