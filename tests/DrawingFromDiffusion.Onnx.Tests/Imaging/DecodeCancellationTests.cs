using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Tests.Shared;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Tests.Imaging;

/// <summary>
/// A cancelled token reaches the decoder's reads: the decode stops at its next read of the source, whatever the
/// image, and says it was cancelled rather than calling the file broken (issue 19: cancellation within one decode).
/// </summary>
public sealed class DecodeCancellationTests
{
    /// <summary>
    /// Serves bytes like a file; the first read past <c>gateAt</c> says so and waits for <see cref="Open"/> — the
    /// test cancels while the decoder is inside that read, as it would be inside a slow read of a huge file.
    /// </summary>
    private sealed class GatedStream(byte[] content, long gateAt, bool seekable = true) : Stream
    {
        private readonly MemoryStream _inner = new(content, writable: false);
        private readonly ManualResetEventSlim _gate = new();
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _readsStarted;

        public Task GateReached => _reached.Task;

        public int ReadsStarted => Volatile.Read(ref _readsStarted);

        public long BytesServed => _inner.Position;

        public void Open() => _gate.Set();

        public override bool CanRead => true;

        public override bool CanSeek => seekable;

        public override bool CanWrite => false;

        public override long Length => seekable ? _inner.Length : throw new NotSupportedException();

        public override long Position
        {
            get => seekable ? _inner.Position : throw new NotSupportedException();
            set => _inner.Position = seekable ? value : throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            Interlocked.Increment(ref _readsStarted);
            if (_inner.Position >= gateAt && _reached.TrySetResult())
            {
                _gate.Wait();
            }

            return _inner.Read(buffer);
        }

        public override long Seek(long offset, SeekOrigin origin) => seekable ? _inner.Seek(offset, origin) : throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gate.Dispose();
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, ImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg, ImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp, ImageFormat.WebP)]
    public async Task Decode_CancelledInsideARead_NoFurtherReadAndCancelled(SKEncodedImageFormat encoding, ImageFormat format)
    {
        var encoded = TestImages.Encode(1200, 900, seed: 11, encoding, 95);
        using var source = new GatedStream(encoded, gateAt: encoded.Length / 3);
        using var stop = new CancellationTokenSource();

        var decode = Task.Run(() => SkiaImageDecoder.Decode(source, format, 100_000_000, 16, stop.Token));
        await source.GateReached;
        await stop.CancelAsync();
        var readsWhenCancelled = source.ReadsStarted;
        source.Open();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => decode);
        Assert.Equal(readsWhenCancelled, source.ReadsStarted);
        Assert.True(source.BytesServed < encoded.Length, $"served {source.BytesServed} of {encoded.Length} bytes");
    }

    [Fact]
    public async Task Analyze_CancelledInsideAHugeTextChunkOfAnUnseekableSource_StopsReading()
    {
        // 48 MB of tEXt before the pixels, on a source that cannot seek (a pipe, a slow share): read through, a piece at a time.
        var png = PngWithText(48 << 20);
        using var source = new GatedStream(png, gateAt: 4 << 20, seekable: false);
        using var stop = new CancellationTokenSource();

        var analyze = Task.Run(() => new SkiaImageAnalyzer().Analyze(source, ImageFormat.Png, new ImageLimits(), stop.Token));
        await source.GateReached;
        await stop.CancelAsync();
        var readsWhenCancelled = source.ReadsStarted;
        source.Open();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => analyze);
        Assert.Equal(readsWhenCancelled, source.ReadsStarted);
        Assert.True(source.BytesServed < png.Length / 2, $"served {source.BytesServed} of {png.Length} bytes");
    }

    [Fact]
    public void Decode_TokenNeverCancelled_DecodesAsBefore()
    {
        var encoded = TestImages.Png(300, 200, seed: 12);
        using var stop = new CancellationTokenSource();

        using var decoded = SkiaImageDecoder.Decode(new MemoryStream(encoded), ImageFormat.Png, 100_000_000, 16, stop.Token);

        Assert.Equal((300, 200), (decoded.Width, decoded.Height));
    }

    private static byte[] PngWithText(int textBytes)
    {
        var rows = new byte[(1 + (16 * 3)) * 8];
        var text = new byte[textBytes];
        "parameters\0"u8.CopyTo(text);
        text.AsSpan(11).Fill((byte)'a');
        return TestImages.CraftPng(16, 8, 8, 2, rows, ("tEXt", text));
    }
}
