using System.Text.Json;
using DrawingFromDiffusion.Cli.Commands;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Storage;
using SkiaSharp;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>
/// The visual tier's pixel check through the real `dfd dupes`: two flags of one design in other colours hash as
/// near-duplicates but stay apart, while a cropped and a brightened copy join their original. Indexed by the real
/// `dfd index` with the offline ResNet18 pack.
/// </summary>
public sealed class DupesPixelCheckTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private string Library => _temp.Combine("library");
    private string DbPath => _temp.Combine("catalog.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Library);
        using (var red = Flag(new SKColor(200, 16, 46), SKColors.White))
        using (var blue = Flag(new SKColor(0, 82, 147), new SKColor(254, 203, 0)))
        {
            Save(red, "flag-red.png");
            Save(blue, "flag-blue.png");
        }

        using var scene = Scene();
        Save(scene, "scene.png");
        using (var cropped = new SKBitmap())
        {
            scene.ExtractSubset(cropped, new SKRectI(14, 6, 14 + 290, 6 + 220));
            using var copy = cropped.Copy();
            Save(copy, "scene-cropped.png");
        }

        using (var bright = Brightened(scene))
        {
            Save(bright, "scene-bright.jpg", SKEncodedImageFormat.Jpeg);
        }

        // The real index with the offline pack, as `dfd dupes` meets a catalog by default: the vectors' nearest
        // neighbours nominate the crop, whose hashes moved too far.
        var env = new Dictionary<string, string> { ["DFD_MODELS"] = _temp.Combine("models") };
        var index = await DfdProcess.RunWithAsync(env, "index", Library, "--db", DbPath, "--model", "resnet18-imagenet");
        Assert.True(index.ExitCode == 0, index.ToString());
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunAsync_RecolouredLookAlikes_HashCloseButNotGrouped()
    {
        var hashes = new DuplicateCandidates(CatalogDatabase.Open(DbPath)).All(CancellationToken.None).ToDictionary(c => Path.GetFileName(c.Path));
        var p = System.Numerics.BitOperations.PopCount(hashes["flag-red.png"].PHash!.Value ^ hashes["flag-blue.png"].PHash!.Value);
        var d = System.Numerics.BitOperations.PopCount(hashes["flag-red.png"].DHash!.Value ^ hashes["flag-blue.png"].DHash!.Value);

        var groups = await Groups();

        Assert.True(p <= VisualRule.Default.MaxHashDistance || d <= VisualRule.Default.MaxHashDistance, $"the flags are not even nominated (pHash {p}, dHash {d})");
        Assert.DoesNotContain(groups, g => g.Contains("flag-red.png") || g.Contains("flag-blue.png"));
    }

    [Fact]
    public async Task RunAsync_CroppedAndBrightenedCopies_GroupedWithTheOriginal()
    {
        var (stdout, groups) = await RunJson();

        Assert.Contains(groups, g => g.SetEquals(["scene.png", "scene-cropped.png", "scene-bright.jpg"]));
        using var json = JsonDocument.Parse(stdout);
        var members = json.RootElement.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("members").EnumerateArray())
            .ToDictionary(m => Path.GetFileName(m.GetProperty("path").GetString()!));
        var cropDetail = members["scene-cropped.png"].GetProperty("detail").GetString()!;
        Assert.Contains("pixels r 0.9", cropDetail, StringComparison.Ordinal);
        Assert.Contains("crop", cropDetail, StringComparison.Ordinal);
        var visual = json.RootElement.GetProperty("visual");
        Assert.Equal(VisualRule.Default.MinCorrelation, visual.GetProperty("min_correlation").GetDouble());
        Assert.Equal(VisualRule.Default.MaxHashDistance, visual.GetProperty("max_hash_distance").GetInt32());
    }

    [Fact]
    public async Task RunAsync_MinCorrelationAboveEveryPair_NoVisualGroups()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await DupesCommand.RunAsync(new DupesSettings(DbPath, "visual", DupesFormat.Json, null, null, null, MinCorrelation: 0.9999), stdout, stderr, CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(0, json.RootElement.GetProperty("group_count").GetInt32());
    }

    private async Task<List<HashSet<string>>> Groups() => (await RunJson()).Groups;

    private async Task<(string Stdout, List<HashSet<string>> Groups)> RunJson()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await DupesCommand.RunAsync(new DupesSettings(DbPath, "all", DupesFormat.Json, null, null, null), stdout, stderr, CancellationToken.None);
        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        var groups = json.RootElement.GetProperty("groups").EnumerateArray()
            .Select(g => g.GetProperty("members").EnumerateArray().Select(m => Path.GetFileName(m.GetProperty("path").GetString()!)).ToHashSet(StringComparer.Ordinal))
            .ToList();
        return (stdout.ToString(), groups);
    }

    /// <summary>A Nordic cross on a field, 300×200.</summary>
    private static SKBitmap Flag(SKColor field, SKColor cross)
    {
        var bitmap = new SKBitmap(new SKImageInfo(300, 200, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(field);
        using var paint = new SKPaint { Color = cross };
        canvas.DrawRect(90, 0, 36, 200, paint);
        canvas.DrawRect(0, 82, 300, 36, paint);
        return bitmap;
    }

    private static SKBitmap Scene()
    {
        var random = new Random(7);
        var bitmap = new SKBitmap(new SKImageInfo(320, 240, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(40, 60, 90));
        using var paint = new SKPaint { IsAntialias = true };
        for (var i = 0; i < 30; i++)
        {
            paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            canvas.DrawCircle(random.Next(320), random.Next(240), 8 + random.Next(40), paint);
        }

        return bitmap;
    }

    private static SKBitmap Brightened(SKBitmap source)
    {
        var result = new SKBitmap(source.Info);
        using var canvas = new SKCanvas(result);
        const float Gain = 1.1f;
        const float Offset = 20 / 255f;
        using var filter = SKColorFilter.CreateColorMatrix([Gain, 0, 0, 0, Offset, 0, Gain, 0, 0, Offset, 0, 0, Gain, 0, Offset, 0, 0, 0, 1, 0]);
        using var paint = new SKPaint { ColorFilter = filter };
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), paint);
        return result;
    }

    private void Save(SKBitmap bitmap, string name, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        File.WriteAllBytes(Path.Combine(Library, name), data.ToArray());
    }
}
