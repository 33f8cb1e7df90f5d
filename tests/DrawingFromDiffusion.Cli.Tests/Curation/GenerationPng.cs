using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using DrawingFromDiffusion.Tests.Shared;

namespace DrawingFromDiffusion.Cli.Tests.Curation;

/// <summary>Real PNGs as SD WebUI (A1111) writes them: the pixels, then a tEXt "parameters" chunk with the generation text.</summary>
internal static class GenerationPng
{
    public static byte[] Make(int width, int height, int seed, string prompt, string negative = "blurry") =>
        WithParameters(TestImages.Png(width, height, seed),
            $"{prompt}\nNegative prompt: {negative}\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: {seed}, Size: {width}x{height}, Model: testmodel");

    /// <summary>Inserts a tEXt chunk right after IHDR (8-byte signature + 25-byte IHDR chunk).</summary>
    public static byte[] WithParameters(byte[] png, string parameters)
    {
        var data = Encoding.Latin1.GetBytes("parameters\0" + parameters);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        "tEXt"u8.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        return [.. png.AsSpan(0, 33), .. chunk, .. png.AsSpan(33)];
    }
}
