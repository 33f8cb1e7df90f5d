// Side-by-side PNG decode on real files: SkiaSharp (what dfd uses), ImageSharp 2.1 (the excluded alternative) and
// zlib inflate of the IDAT stream alone (the floor any PNG decoder pays). Best of 3 rounds, ms per file.
//   dotnet run benchmarks/decode/compare-png-decode.cs -- FOLDER [max-files]
// Versions come from Directory.Packages.props. FOLDER: e.g. a corpus from benchmarks/scan/make-corpus.sh. Results: benchmarks/README.md ("Decode + resize").
#:package SkiaSharp
#:package SkiaSharp.NativeAssets.Linux.NoDependencies
#:package SixLabors.ImageSharp
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using SkiaSharp;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: dotnet run compare-png-decode.cs -- FOLDER [max-files]");
    return 2;
}

var files = Directory.GetFiles(args[0], "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
    .Take(args.Length > 1 ? int.Parse(args[1]) : 80).Select(File.ReadAllBytes).ToArray();
Console.WriteLine($"{files.Length} PNG files, mean {files.Average(f => f.Length) / 1024:0} KiB");
var skia = Time("SkiaSharp SKCodec → RGBA", SkiaDecode);
var imageSharp = Time("ImageSharp 2.1 → Rgba32", bytes => { using var image = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgba32>(bytes); });
Time("zlib inflate of IDAT only", Inflate);
Console.WriteLine($"SkiaSharp / ImageSharp = {skia / imageSharp:0.00}");
return 0;

double Time(string name, Action<byte[]> decode)
{
    foreach (var file in files.Take(5))
    {
        decode(file);
    }

    var best = double.MaxValue;
    for (var round = 0; round < 3; round++)
    {
        var watch = Stopwatch.StartNew();
        foreach (var file in files)
        {
            decode(file);
        }

        best = Math.Min(best, watch.Elapsed.TotalMilliseconds / files.Length);
    }

    Console.WriteLine($"{name,-28} {best,7:0.00} ms/file");
    return best;
}

static void SkiaDecode(byte[] bytes)
{
    using var stream = new MemoryStream(bytes);
    using var codec = SKCodec.Create(stream);
    var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
    using var bitmap = new SKBitmap(info);
    if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
    {
        throw new InvalidDataException("SkiaSharp could not decode a file");
    }
}

static void Inflate(byte[] png)
{
    using var idat = new MemoryStream();
    for (var at = 8; at + 8 <= png.Length;)
    {
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
        if (png.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8))
        {
            idat.Write(png, at + 8, length);
        }

        at += 12 + length;
    }

    idat.Position = 0;
    using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
    var buffer = new byte[1 << 16];
    while (zlib.Read(buffer) > 0)
    {
    }
}
