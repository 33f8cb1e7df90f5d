using System.IO.Compression;
using System.Text;
using DrawingFromDiffusion.Core.Metadata;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Imaging;

/// <summary>
/// Reads "stealth pnginfo" (A1111/Forge extension, NovelAI): text in the least-significant bits of the alpha
/// channel (1 bit per pixel) or of R, G, B (3 bits per pixel), column by column, MSB first, after a 15-byte
/// signature and a 32-bit big-endian bit count; gzip when the signature ends in "comp".
/// </summary>
public sealed class SkiaStealthTextReader : IStealthTextReader
{
    private const int SignatureBits = 15 * 8;
    private const long MaxPixels = 64_000_000;
    private const int MaxPayloadBytes = 8 * 1024 * 1024;

    public MetadataText? TryRead(ReadOnlyMemory<byte> image)
    {
        using var codec = SkiaCodecs.Open(image);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxPixels || codec.Info.Width == 0 || codec.Info.Height == 0)
        {
            return null;
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return null;
        }

        var pixels = bitmap.GetPixelSpan().ToArray();
        return TryMode(pixels, info.Width, info.Height, alpha: true) ?? TryMode(pixels, info.Width, info.Height, alpha: false);
    }

    private static MetadataText? TryMode(byte[] pixels, int width, int height, bool alpha)
    {
        var bitsPerPixel = alpha ? 1 : 3;
        var capacity = (long)width * height * bitsPerPixel;
        if (capacity < SignatureBits + 32)
        {
            return null;
        }

        var position = 0L;
        var signature = Encoding.ASCII.GetString(ReadBytes(pixels, height, alpha, ref position, 15));
        var (compressed, expected) = signature switch
        {
            "stealth_pnginfo" when alpha => (false, true),
            "stealth_pngcomp" when alpha => (true, true),
            "stealth_rgbinfo" when !alpha => (false, true),
            "stealth_rgbcomp" when !alpha => (true, true),
            _ => (false, false),
        };
        if (!expected)
        {
            return null;
        }

        var lengthBytes = ReadBytes(pixels, height, alpha, ref position, 4);
        var bitLength = (long)((uint)lengthBytes[0] << 24 | (uint)lengthBytes[1] << 16 | (uint)lengthBytes[2] << 8 | lengthBytes[3]);
        var byteLength = (int)Math.Min(Math.Min(bitLength / 8, (capacity - position) / 8), compressed ? MaxPayloadBytes : MaxPayloadBytes);
        var payload = ReadBytes(pixels, height, alpha, ref position, byteLength);
        var text = compressed ? Gunzip(payload) : Encoding.UTF8.GetString(payload);
        return text is null ? null : new MetadataText("stealth", text, $"pixels ({signature})");
    }

    private static byte[] ReadBytes(byte[] pixels, int height, bool alpha, ref long bit, int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var value = 0;
            for (var b = 0; b < 8; b++)
            {
                value = (value << 1) | Bit(pixels, height, alpha, bit++);
            }

            bytes[i] = (byte)value;
        }

        return bytes;
    }

    private static int Bit(byte[] pixels, int height, bool alpha, long bit)
    {
        var pixel = alpha ? bit : bit / 3;
        var channel = alpha ? 3 : (int)(bit % 3);
        // Column-major: x is the outer loop.
        var x = pixel / height;
        var y = pixel % height;
        var width = pixels.Length / 4 / height;
        return pixels[((y * width) + x) * 4 + channel] & 1;
    }

    private static string? Gunzip(byte[] payload)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while (output.Length < MaxPayloadBytes && (read = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, read);
            }

            return Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)Math.Min(output.Length, MaxPayloadBytes));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return null;
        }
    }
}
