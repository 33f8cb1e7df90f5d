using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using SkiaSharp;
using Xunit.Abstractions;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>
/// The issue's acceptance check on a small held-out set: the 30 clip-art originals of the dupes fixture, each with four
/// copies made here (JPEG q60, half size, centre crop to 80 %, WebP q50), indexed with the offline resnet18-imagenet pack;
/// `dfd similar ORIGINAL -k 5 --json` must rank ≥ 95 % of the copies in the top 5.
/// </summary>
public sealed class SimilarAcceptanceTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-similar-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Similar_AlteredCopiesWithOfflinePack_RankInTopFive()
    {
        var library = Directory.CreateDirectory(Path.Combine(_folder, "lib")).FullName;
        var originals = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Originals"), "*.png").Order(StringComparer.Ordinal).ToList();
        var copies = new Dictionary<string, List<string>>();
        foreach (var source in originals)
        {
            var name = Path.GetFileNameWithoutExtension(source);
            var original = Path.Combine(library, name + ".png");
            File.Copy(source, original);
            copies[original] = MakeCopies(original, library, name);
        }

        var db = Path.Combine(_folder, "catalog.db");
        var env = new Dictionary<string, string> { ["DFD_MODELS"] = Path.Combine(_folder, "models") };
        var index = await DfdProcess.RunWithAsync(env, "index", library, "--db", db, "--model", "resnet18-imagenet");
        Assert.True(index.ExitCode == 0, index.ToString());

        var found = 0;
        var total = 0;
        var misses = new List<string>();
        foreach (var (original, altered) in copies)
        {
            var result = await DfdProcess.RunWithAsync(env, "similar", original, "--db", db, "-k", "5", "--json");
            Assert.True(result.ExitCode == 0, result.ToString());
            var top = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("results").EnumerateArray()
                .Select(r => r.GetProperty("path").GetString()).ToHashSet(StringComparer.Ordinal);
            Assert.DoesNotContain(original, top);
            total += altered.Count;
            found += altered.Count(top.Contains);
            misses.AddRange(altered.Where(a => !top.Contains(a)).Select(Path.GetFileName)!);
        }

        var rate = (double)found / total;
        output.WriteLine($"{found}/{total} copies in the top 5 ({rate:P1}); missed: {string.Join(", ", misses)}");
        Assert.True(rate >= 0.95, $"{found}/{total} copies in the top 5 ({rate:P1}); missed: {string.Join(", ", misses)}");
    }

    private static List<string> MakeCopies(string original, string folder, string name)
    {
        using var decoded = SKBitmap.Decode(original);
        using var flat = new SKBitmap(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(flat))
        {
            canvas.Clear(SKColors.White);
            using var image = SKImage.FromBitmap(decoded);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }

        var list = new List<string>
        {
            Save(flat, Path.Combine(folder, name + "-q60.jpg"), SKEncodedImageFormat.Jpeg, 60),
            Save(flat, Path.Combine(folder, name + "-q50.webp"), SKEncodedImageFormat.Webp, 50),
        };
        using (var half = flat.Resize(new SKImageInfo(Math.Max(1, flat.Width / 2), Math.Max(1, flat.Height / 2)), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)))
        {
            list.Add(Save(half, Path.Combine(folder, name + "-half.png"), SKEncodedImageFormat.Png, 100));
        }

        var (w, h) = ((int)(flat.Width * 0.8), (int)(flat.Height * 0.8));
        using var crop = new SKBitmap(w, h);
        Assert.True(flat.ExtractSubset(crop, SKRectI.Create((flat.Width - w) / 2, (flat.Height - h) / 2, w, h)));
        list.Add(Save(crop, Path.Combine(folder, name + "-crop.png"), SKEncodedImageFormat.Png, 100));
        return list;
    }

    private static string Save(SKBitmap bitmap, string path, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        using var stream = File.Create(path);
        data.SaveTo(stream);
        return path;
    }
}
