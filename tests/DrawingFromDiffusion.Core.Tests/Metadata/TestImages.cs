using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace DrawingFromDiffusion.Core.Tests.Metadata;

/// <summary>Builds small PNG, JPEG and WebP files with chosen metadata for container tests.</summary>
internal static class TestImages
{
    public static byte[] Png(params (string Type, byte[] Data)[] chunks)
    {
        var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(output, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
        foreach (var (type, data) in chunks)
        {
            WriteChunk(output, type, data);
        }

        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    public static (string, byte[]) Text(string key, string value, Encoding? encoding = null) =>
        ("tEXt", [.. Encoding.Latin1.GetBytes(key), 0, .. (encoding ?? Encoding.Latin1).GetBytes(value)]);

    public static (string, byte[]) ITxt(string key, string value) =>
        ("iTXt", [.. Encoding.Latin1.GetBytes(key), 0, 0, 0, 0, 0, .. Encoding.UTF8.GetBytes(value)]);

    public static (string, byte[]) ZTxt(string key, byte[] zlib) => ("zTXt", [.. Encoding.Latin1.GetBytes(key), 0, 0, .. zlib]);

    public static byte[] Zlib(string text)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    /// <summary>zlib data that inflates to <paramref name="bytes"/> zero bytes (a compression bomb).</summary>
    public static byte[] ZlibZeros(long bytes)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            var block = new byte[1 << 20];
            for (long written = 0; written < bytes; written += block.Length)
            {
                zlib.Write(block, 0, (int)Math.Min(block.Length, bytes - written));
            }
        }

        return output.ToArray();
    }

    /// <summary>A JPEG holding only an EXIF block whose Exif sub-IFD has the given UserComment bytes and IFD0 the given ASCII tags.</summary>
    public static byte[] JpegWithExif(byte[] userComment, params (ushort Tag, string Value)[] ifd0Ascii)
    {
        var tiff = Tiff(userComment, ifd0Ascii);
        var app1 = new MemoryStream();
        app1.Write("Exif\0\0"u8);
        app1.Write(tiff);
        var output = new MemoryStream();
        output.Write([0xFF, 0xD8, 0xFF, 0xE1]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(app1.Length + 2));
        output.Write(length);
        output.Write(app1.ToArray());
        output.Write([0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9]);
        return output.ToArray();
    }

    public static byte[] WebPWithExif(byte[] userComment)
    {
        var tiff = Tiff(userComment, []);
        var body = new MemoryStream();
        body.Write("WEBP"u8);
        body.Write("EXIF"u8);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)tiff.Length);
        body.Write(size);
        body.Write(tiff);
        if (tiff.Length % 2 == 1)
        {
            body.WriteByte(0);
        }

        var output = new MemoryStream();
        output.Write("RIFF"u8);
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)body.Length);
        output.Write(size);
        output.Write(body.ToArray());
        return output.ToArray();
    }

    public static byte[] UnicodeComment(string text, bool bigEndian) =>
        [.. "UNICODE\0"u8, .. (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetBytes(text)];

    private static byte[] Tiff(byte[] userComment, (ushort Tag, string Value)[] ifd0Ascii)
    {
        // Little-endian TIFF: header, IFD0 (ASCII tags + Exif pointer), Exif IFD (UserComment), then the values.
        var ifd0Count = ifd0Ascii.Length + 1;
        var ifd0Size = 2 + (ifd0Count * 12) + 4;
        var exifOffset = 8 + ifd0Size;
        var exifSize = 2 + 12 + 4;
        var dataOffset = exifOffset + exifSize;
        var data = new MemoryStream();
        var output = new BinaryWriter(new MemoryStream());
        output.Write("II"u8);
        output.Write((ushort)42);
        output.Write(8u);
        output.Write((ushort)ifd0Count);
        foreach (var (tag, value) in ifd0Ascii.OrderBy(t => t.Tag))
        {
            var bytes = Encoding.UTF8.GetBytes(value + "\0");
            output.Write(tag);
            output.Write((ushort)2);
            output.Write((uint)bytes.Length);
            output.Write((uint)(dataOffset + data.Length));
            data.Write(bytes);
        }

        output.Write((ushort)0x8769);
        output.Write((ushort)4);
        output.Write(1u);
        output.Write((uint)exifOffset);
        output.Write(0u);
        output.Write((ushort)1);
        output.Write((ushort)0x9286);
        output.Write((ushort)7);
        output.Write((uint)userComment.Length);
        output.Write((uint)(dataOffset + data.Length));
        data.Write(userComment);
        output.Write(0u);
        output.Write(data.ToArray());
        return ((MemoryStream)output.BaseStream).ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, header[4..]);
        output.Write(header);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(header[4..]);
        crc.Append(data);
        Span<byte> sum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, crc.GetCurrentHashAsUInt32());
        output.Write(sum);
    }
}
