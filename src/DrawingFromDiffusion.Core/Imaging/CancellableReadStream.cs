namespace DrawingFromDiffusion.Core.Imaging;

/// <summary>
/// A read-only view of a stream that ends as soon as a token is cancelled: every read first checks the token, and once
/// it is cancelled reports the end of the data. A native decoder reads through callbacks that an exception must not
/// cross, so it is stopped the way a truncated file stops it — at its next read, however large or slow the image —
/// and the caller, seeing <see cref="Cut"/>, throws <see cref="OperationCanceledException"/> instead of calling the
/// file broken. The source is not closed with this stream.
/// </summary>
public sealed class CancellableReadStream(Stream source, CancellationToken cancellationToken) : Stream
{
    /// <summary>True once a read was refused because the token was cancelled.</summary>
    public bool Cut { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => source.CanSeek;

    public override bool CanWrite => false;

    public override long Length => source.Length;

    public override long Position
    {
        get => source.Position;
        set => source.Position = value;
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> when a read was cut (or the token is cancelled now).</summary>
    public void ThrowIfCut()
    {
        if (Cut)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            Cut = true;
            return 0;
        }

        return source.Read(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken token = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            Cut = true;
            return 0;
        }

        return await source.ReadAsync(buffer, token).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken token) =>
        ReadAsync(buffer.AsMemory(offset, count), token).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => source.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
