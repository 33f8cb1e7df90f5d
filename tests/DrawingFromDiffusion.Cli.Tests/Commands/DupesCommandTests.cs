using System.Text.Json;
using DrawingFromDiffusion.Cli.Commands;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Storage;
using SkiaSharp;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>`dfd dupes` end to end: a temp library scanned into a real catalog, then the command run on it.</summary>
public sealed class DupesCommandTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dfd-dupes-" + Guid.NewGuid().ToString("N"));
    private string Library => Path.Combine(_root, "library");
    private string DbPath => Path.Combine(_root, "catalog.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Library);
        using (var picture = Picture(seed: 1))
        {
            Save(picture, Path.Combine(Library, "sunset.png"), SKEncodedImageFormat.Png, 100);
            using var half = picture.Resize(new SKImageInfo(picture.Width / 2, picture.Height / 2), new SKSamplingOptions(SKCubicResampler.Mitchell));
            Save(half, Path.Combine(Library, "sunset-small.jpg"), SKEncodedImageFormat.Jpeg, 80);
        }

        File.Copy(Path.Combine(Library, "sunset.png"), Path.Combine(Library, "sunset-copy.png"));
        File.SetLastWriteTimeUtc(Path.Combine(Library, "sunset.png"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        using (var other = Picture(seed: 2))
        {
            Save(other, Path.Combine(Library, "forest.png"), SKEncodedImageFormat.Png, 100);
        }

        using var catalog = new SqliteImageCatalog(CatalogDatabase.Open(DbPath));
        await new LibraryScanner(catalog, new SkiaImageAnalyzer()).ScanAsync(new ScanOptions { Roots = [Library] }, null, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunAsync_Json_OneGroupWithKeeperIdenticalAndVisualMembers()
    {
        var (code, stdout, _) = await Run(DupesFormat.Json);

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("files").GetInt32());
        Assert.Equal(["identical", "visual", "variation"], root.GetProperty("tiers").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("semantic", root.GetProperty("unavailable")[0].GetProperty("tier").GetString());
        var group = Assert.Single(root.GetProperty("groups").EnumerateArray());
        Assert.Equal(3, group.GetProperty("size").GetInt32());
        Assert.EndsWith("sunset.png", group.GetProperty("keeper").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("oldest", group.GetProperty("keeper_reason").GetString(), StringComparison.Ordinal);
        var members = group.GetProperty("members").EnumerateArray().ToDictionary(m => Path.GetFileName(m.GetProperty("path").GetString()!));
        Assert.True(members["sunset.png"].GetProperty("keeper").GetBoolean());
        Assert.False(members["sunset.png"].TryGetProperty("tier", out _));
        Assert.Equal("identical", members["sunset-copy.png"].GetProperty("tier").GetString());
        Assert.Equal(0, members["sunset-copy.png"].GetProperty("distance").GetDouble());
        Assert.Equal("visual", members["sunset-small.jpg"].GetProperty("tier").GetString());
        Assert.StartsWith("pHash ", members["sunset-small.jpg"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(members.ContainsKey("forest.png"));
    }

    [Fact]
    public async Task RunAsync_IdenticalTier_LeavesTheResizedCopyOut()
    {
        var (code, stdout, _) = await Run(DupesFormat.Json, tier: "identical");

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(stdout);
        var group = Assert.Single(json.RootElement.GetProperty("groups").EnumerateArray());
        Assert.Equal(["sunset-copy.png", "sunset.png"], group.GetProperty("members").EnumerateArray().Select(m => Path.GetFileName(m.GetProperty("path").GetString())).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SemanticTierWithoutVectors_SaysRunIndex()
    {
        var (code, _, stderr) = await Run(DupesFormat.Table, tier: "semantic");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(DupesCommand.NoVectors, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MoveTo_MovesOnlyNonKeepersAndLogsThem()
    {
        var target = Path.Combine(_root, "review");

        var (code, _, _) = await Run(DupesFormat.Table, moveTo: target);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.True(File.Exists(Path.Combine(Library, "sunset.png")));
        Assert.True(File.Exists(Path.Combine(Library, "forest.png")));
        Assert.False(File.Exists(Path.Combine(Library, "sunset-copy.png")));
        Assert.False(File.Exists(Path.Combine(Library, "sunset-small.jpg")));
        Assert.True(File.Exists(Path.Combine(target, "group-0001", "sunset-copy.png")));
        Assert.True(File.Exists(Path.Combine(target, "group-0001", "sunset-small.jpg")));
        var log = Assert.Single(Directory.GetFiles(target, "dfd-dupes-moved-*.json"));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(log));
        var moves = json.RootElement.GetProperty("moves").EnumerateArray().ToList();
        Assert.Equal(2, moves.Count);
        Assert.All(moves, m => Assert.EndsWith("sunset.png", m.GetProperty("keeper").GetString(), StringComparison.Ordinal));
        Assert.Equal(["sunset-copy.png", "sunset-small.jpg"], moves.Select(m => Path.GetFileName(m.GetProperty("from").GetString())).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_Html_WritesContactSheetWithEmbeddedThumbnailsAndKeeper()
    {
        var html = Path.Combine(_root, "dupes.html");

        var (code, _, _) = await Run(DupesFormat.Table, html: html);

        Assert.Equal(ExitCodes.Ok, code);
        var page = await File.ReadAllTextAsync(html);
        Assert.Equal(3, CountOf(page, "src=\"data:image/webp;base64,"));
        Assert.Equal(1, CountOf(page, "<figure class=\"keeper\">"));
        Assert.DoesNotContain("http", page, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Stdout, string Stderr)> Run(DupesFormat format, string tier = "all", string? moveTo = null, string? html = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await DupesCommand.RunAsync(new DupesSettings(DbPath, tier, format, html, null, moveTo), stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static SKBitmap Picture(int seed)
    {
        var random = new Random(seed);
        var bitmap = new SKBitmap(new SKImageInfo(240, 180, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        using var paint = new SKPaint { IsAntialias = true };
        for (var i = 0; i < 12; i++)
        {
            paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            canvas.DrawCircle(random.Next(240), random.Next(180), 10 + random.Next(50), paint);
        }

        return bitmap;
    }

    private static void Save(SKBitmap bitmap, string path, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        File.WriteAllBytes(path, data.ToArray());
    }
}
