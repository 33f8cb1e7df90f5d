using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Tests.Shared;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Tests.Imaging;

/// <summary>A PNG's text chunks never reach the pixel decoder, whatever their size (issue 19, item 1).</summary>
public sealed class LargeTextChunkTests
{
    private const int TwentyMegabytes = 20 << 20;

    [Fact]
    public void Decode_PngWith20MbTextChunk_DecoderReadsOnlyThePixelChunks()
    {
        var png = PngWithText(TwentyMegabytes);
        using var counted = new CountingStream(new MemoryStream(png, writable: false));

        using var decoded = SkiaImageDecoder.Decode(counted, ImageFormat.Png, 100_000_000, 16);

        Assert.Equal((16, 8), (decoded.Width, decoded.Height));
        Assert.True(counted.BytesRead < 64 * 1024, $"the decoder read {counted.BytesRead:N0} bytes of a {png.Length:N0}-byte file");
        using var plain = SkiaImageDecoder.Decode(new MemoryStream(PngWithText(0)), ImageFormat.Png, 100_000_000, 16);
        Assert.Equal(plain.Pixels.GetPixelSpan().ToArray(), decoded.Pixels.GetPixelSpan().ToArray());
    }

    [Fact]
    public void PngDecoderStream_TextChunk_SkippedByteForByteAndTheRestPassedUnchanged()
    {
        var withText = PngWithText(1 << 20);
        var without = PngWithText(0);
        using var source = new MemoryStream(withText, writable: false);
        using var filtered = new PngDecoderStream(source);
        using var output = new MemoryStream();

        filtered.CopyTo(output);

        Assert.Equal(without, output.ToArray());
        Assert.Equal(withText.Length - without.Length, filtered.SkippedBytes);
    }

    [Fact]
    public void PngDecoderStream_NonSeekableSource_SkipsByReading()
    {
        var withText = PngWithText(300_000);
        using var source = new CountingStream(new MemoryStream(withText, writable: false), seekable: false);
        using var filtered = new PngDecoderStream(source);
        using var output = new MemoryStream();

        filtered.CopyTo(output);

        Assert.Equal(PngWithText(0), output.ToArray());
    }

    [Fact]
    public void StealthReaderAndHeader_PngWith20MbTextChunk_ReadThePixels()
    {
        var png = PngWithText(TwentyMegabytes);

        Assert.Equal((16, 8), ImageHeader.ReadSize(new MemoryStream(png, writable: false)));
        Assert.Null(new SkiaStealthTextReader().TryRead(png));
    }

    [Fact]
    public void IsPixelChunk_CriticalAndColourChunksKept_TextAndHugeProfilesSkipped()
    {
        Assert.True(PngDecoderStream.IsPixelChunk("IDAT"u8, 1 << 30));
        Assert.True(PngDecoderStream.IsPixelChunk("tRNS"u8, 3));
        Assert.True(PngDecoderStream.IsPixelChunk("iCCP"u8, 3000));
        Assert.False(PngDecoderStream.IsPixelChunk("iCCP"u8, PngDecoderStream.MaxKeptAncillaryBytes + 1));
        Assert.False(PngDecoderStream.IsPixelChunk("tEXt"u8, 10));
        Assert.False(PngDecoderStream.IsPixelChunk("zTXt"u8, 10));
        Assert.False(PngDecoderStream.IsPixelChunk("iTXt"u8, 10));
        Assert.False(PngDecoderStream.IsPixelChunk("caBX"u8, 10));
    }

    private static byte[] PngWithText(int textBytes)
    {
        var rows = new byte[(1 + (16 * 3)) * 8];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = i % 49 == 0 ? (byte)0 : (byte)(i * 13);
        }

        if (textBytes == 0)
        {
            return TestImages.CraftPng(16, 8, 8, 2, rows);
        }

        var text = new byte[textBytes];
        "parameters\0"u8.CopyTo(text);
        text.AsSpan(11).Fill((byte)'a');
        return TestImages.CraftPng(16, 8, 8, 2, rows, ("tEXt", text));
    }

    private sealed class CountingStream(Stream inner, bool seekable = true) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => seekable;

        public override bool CanWrite => false;

        public override long Length => seekable ? inner.Length : throw new NotSupportedException();

        public override long Position
        {
            get => seekable ? inner.Position : throw new NotSupportedException();
            set => inner.Position = seekable ? value : throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => seekable ? inner.Seek(offset, origin) : throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
