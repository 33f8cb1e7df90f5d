using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using SkiaSharp;

namespace DrawingFromDiffusion.Tests.Shared;

/// <summary>Real image files for tests: encoded with SkiaSharp, or crafted chunk by chunk where an encoder would refuse.</summary>
internal static class TestImages
{
    private static readonly Lazy<byte[]> _ztxtBomb = new(() => PngWithZtxtBomb(16, 12, 1L << 30));

    /// <summary>A 16×12 PNG whose zTXt chunk inflates to 1 GiB; made once per test run (it takes seconds).</summary>
    public static byte[] ZtxtBomb1GiB => _ztxtBomb.Value;

    /// <summary>A picture with structure (gradient, shapes, seeded noise) so hashes differ between seeds.</summary>
    public static SKBitmap Picture(int width, int height, int seed)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        var random = new Random(seed);
        using var gradient = SKShader.CreateLinearGradient(
            new SKPoint(0, 0),
            new SKPoint(width, height),
            [new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)), new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256))],
            SKShaderTileMode.Clamp);
        using (var paint = new SKPaint { Shader = gradient })
        {
            canvas.DrawRect(0, 0, width, height, paint);
        }

        using var shape = new SKPaint { IsAntialias = true };
        for (var i = 0; i < 12; i++)
        {
            shape.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), 200);
            canvas.DrawCircle(random.Next(width), random.Next(height), 1 + random.Next(Math.Max(1, Math.Min(width, height) / 3)), shape);
        }

        return bitmap;
    }

    public static byte[] Png(int width, int height, int seed) => Encode(width, height, seed, SKEncodedImageFormat.Png, 100);

    public static byte[] Jpeg(int width, int height, int seed, int quality = 85) => Encode(width, height, seed, SKEncodedImageFormat.Jpeg, quality);

    public static byte[] Encode(int width, int height, int seed, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = Picture(width, height, seed);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality) ?? throw new InvalidOperationException($"SkiaSharp cannot encode {format}");
        return data.ToArray();
    }

    /// <summary>A JPEG with an EXIF APP1 segment carrying only the orientation tag (1–8).</summary>
    public static byte[] JpegWithOrientation(int width, int height, int seed, ushort orientation)
    {
        var jpeg = Jpeg(width, height, seed);
        var tiff = new byte[26];
        "MM\0*"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);      // first IFD right after the header
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 1);      // one entry
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(10), 0x0112); // Orientation
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(12), 3);     // SHORT
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(14), 1);     // count
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(18), orientation);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(22), 0);     // no next IFD
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        using var output = new MemoryStream();
        output.Write(jpeg, 0, 2); // SOI
        output.Write([0xFF, 0xE1]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(payload.Length + 2));
        output.Write(length);
        output.Write(payload);
        output.Write(jpeg, 2, jpeg.Length - 2);
        return output.ToArray();
    }

    /// <summary>A PNG assembled by hand: IHDR, the extra chunks, IDAT of <paramref name="rawRows"/> (filter bytes included), IEND.</summary>
    public static byte[] CraftPng(int width, int height, byte bitDepth, byte colorType, byte[] rawRows, params (string Type, byte[] Data)[] extraChunks)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = bitDepth;
        header[9] = colorType;
        WriteChunk(output, "IHDR", header);
        foreach (var (type, data) in extraChunks)
        {
            WriteChunk(output, type, data);
        }

        WriteChunk(output, "IDAT", Zlib(rawRows));
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>Declares width×height RGB but carries only a few rows of data: decoding it would need the declared size.</summary>
    public static byte[] PngDeclaring(int width, int height) =>
        CraftPng(width, height, 8, 2, new byte[(1 + (width * 3)) * 2]);

    /// <summary>16-bit RGB, a gradient.</summary>
    public static byte[] Png16Bit(int width, int height)
    {
        var rows = new byte[(1 + (width * 6)) * height];
        for (var y = 0; y < height; y++)
        {
            var row = rows.AsSpan(y * (1 + (width * 6)));
            for (var x = 0; x < width; x++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(row[(1 + (x * 6))..], (ushort)(x * 65535 / Math.Max(1, width - 1)));
                BinaryPrimitives.WriteUInt16BigEndian(row[(3 + (x * 6))..], (ushort)(y * 65535 / Math.Max(1, height - 1)));
                BinaryPrimitives.WriteUInt16BigEndian(row[(5 + (x * 6))..], 40000);
            }
        }

        return CraftPng(width, height, 16, 2, rows);
    }

    /// <summary>8-bit palette with a tRNS chunk: index 0 fully transparent, 1 half, 2–3 opaque.</summary>
    public static byte[] PngPaletteWithTransparency(int width, int height)
    {
        var rows = new byte[(1 + width) * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                rows[(y * (1 + width)) + 1 + x] = (byte)((x + y) % 4);
            }
        }

        byte[] palette = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];
        return CraftPng(width, height, 8, 3, rows, ("PLTE", palette), ("tRNS", [0, 128]));
    }

    /// <summary>A small valid PNG whose zTXt chunk inflates to <paramref name="inflatedBytes"/> zeros (a decompression bomb).</summary>
    public static byte[] PngWithZtxtBomb(int width, int height, long inflatedBytes)
    {
        using var compressed = new MemoryStream();
        compressed.Write("Comment\0"u8);
        compressed.WriteByte(0); // compression method: deflate
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (long written = 0; written < inflatedBytes; written += zeros.Length)
            {
                zlib.Write(zeros, 0, (int)Math.Min(zeros.Length, inflatedBytes - written));
            }
        }

        var rows = new byte[(1 + (width * 3)) * height];
        new Random(7).NextBytes(rows);
        for (var y = 0; y < height; y++)
        {
            rows[y * (1 + (width * 3))] = 0;
        }

        return CraftPng(width, height, 8, 2, rows, ("zTXt", compressed.ToArray()));
    }

    public static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)data.Length);
        output.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(typeBytes);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, crc.GetCurrentHashAsUInt32());
        output.Write(number);
    }

    private static byte[] Zlib(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return output.ToArray();
    }
}
