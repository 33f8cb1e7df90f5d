using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Tests.Shared;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>`dfd index` on a folder of every kind of bad and awkward file the test can make.</summary>
public sealed class HostileFolderTests : IDisposable
{
    private const string NonAscii = "ñandú 画像 🎨 «q».png";

    private readonly TempFolder _temp = new();
    private readonly string _library;
    private readonly string _db;

    public HostileFolderTests()
    {
        _library = _temp.Combine("hostile");
        _db = _temp.Combine("catalog.db");
        var data = Path.Combine(AppContext.BaseDirectory, "TestData");

        // Valid, some awkward.
        _temp.Write("hostile/ok.png", TestImages.Png(120, 80, seed: 1));
        _temp.Write("hostile/photo.jpg", TestImages.Jpeg(640, 480, seed: 2));
        _temp.Write("hostile/16bit.png", TestImages.Png16Bit(70, 50));
        _temp.Write("hostile/palette-transparent.png", TestImages.PngPaletteWithTransparency(33, 17));
        _temp.Write("hostile/cmyk.jpg", File.ReadAllBytes(Path.Combine(data, "cmyk.jpg")));
        _temp.Write("hostile/rotated.jpg", TestImages.JpegWithOrientation(64, 32, seed: 3, orientation: 6));
        _temp.Write("hostile/animated.gif", File.ReadAllBytes(Path.Combine(data, "animated.gif")));
        _temp.Write("hostile/tiny-1x1.png", TestImages.Png(1, 1, seed: 4));
        _temp.Write("hostile/wide-8000x8.png", TestImages.Png(8000, 8, seed: 5));
        _temp.Write("hostile/ztxt-bomb.png", TestImages.ZtxtBomb1GiB);
        _temp.Write("hostile/webp-named.png", TestImages.Encode(50, 40, 6, SkiaSharp.SKEncodedImageFormat.Webp, 80));
        _temp.Write("hostile/deeper/" + NonAscii, TestImages.Png(30, 20, seed: 7));

        // Broken.
        _temp.Write("hostile/empty.png", []);
        var png = TestImages.Png(200, 200, seed: 8);
        _temp.Write("hostile/truncated.png", png[..(png.Length / 2)]);
        var jpeg = TestImages.Jpeg(200, 200, seed: 9);
        _temp.Write("hostile/truncated.jpg", jpeg[..(jpeg.Length * 6 / 10)]);
        _temp.Write("hostile/text.jpg", "this is not a picture\n"u8.ToArray());
        _temp.Write("hostile/huge-60000.png", TestImages.PngDeclaring(60000, 60000));
        File.CreateSymbolicLink(_temp.Combine("hostile/dangling.png"), "does-not-exist.png");
        File.CreateSymbolicLink(_temp.Combine("hostile/loop-a.png"), "loop-b.png");
        File.CreateSymbolicLink(_temp.Combine("hostile/loop-b.png"), "loop-a.png");

        // Neither: ignored without a complaint.
        _temp.Write("hostile/notes.txt", "hello"u8.ToArray());
        _temp.Write("hostile/empty-notes.txt", []);
        _temp.Write("hostile/.hidden/secret.png", TestImages.Png(10, 10, seed: 10));

        // Links: a folder loop, and a second route to a file.
        Directory.CreateSymbolicLink(_temp.Combine("hostile/deeper/loop"), "..");
        File.CreateSymbolicLink(_temp.Combine("hostile/link-to-ok.png"), "ok.png");
    }

    public void Dispose() => _temp.Dispose();

    private static readonly Dictionary<string, (int Width, int Height, string Format)> _valid = new()
    {
        ["ok.png"] = (120, 80, "png"),
        ["photo.jpg"] = (640, 480, "jpeg"),
        ["16bit.png"] = (70, 50, "png"),
        ["palette-transparent.png"] = (33, 17, "png"),
        ["cmyk.jpg"] = (48, 32, "jpeg"),
        ["rotated.jpg"] = (32, 64, "jpeg"),
        ["animated.gif"] = (40, 24, "gif"),
        ["tiny-1x1.png"] = (1, 1, "png"),
        ["wide-8000x8.png"] = (8000, 8, "png"),
        ["ztxt-bomb.png"] = (16, 12, "png"),
        ["webp-named.png"] = (50, 40, "webp"),
        ["deeper/" + NonAscii] = (30, 20, "png"),
        ["link-to-ok.png"] = (120, 80, "png"),
    };

    private static readonly Dictionary<string, (string Stage, string Reason)> _broken = new()
    {
        ["empty.png"] = ("read", "empty file"),
        ["truncated.png"] = ("decode", "truncated PNG"),
        ["truncated.jpg"] = ("decode", "truncated JPEG"),
        ["text.jpg"] = ("decode", "not an image"),
        ["huge-60000.png"] = ("decode", "60000×60000"),
        ["dangling.png"] = ("read", "dangling symbolic link"),
        ["loop-a.png"] = ("read", "loop"),
        ["loop-b.png"] = ("read", "loop"),
    };

    [Fact]
    public async Task Index_HostileFolder_ValidIndexedBrokenReportedMemoryBounded()
    {
        var index = await DfdProcess.RunAsync("index", "--no-embed", _library, "--db", _db, "--json");

        Assert.True(index.ExitCode == 0, index.ToString());
        using var summary = JsonDocument.Parse(index.Stdout);
        var root = summary.RootElement;
        Assert.Equal(_valid.Count, root.GetProperty("added").GetInt32());
        Assert.Equal(_broken.Count, root.GetProperty("failed").GetInt32());
        Assert.Equal(2, root.GetProperty("ignored").GetInt32());
        Assert.Equal(_valid.Count + _broken.Count + 2, root.GetProperty("found").GetInt32());
        Assert.True(index.PeakResidentBytes < 1L << 30, $"peak RSS {index.PeakResidentBytes >> 20} MiB");

        var export = await DfdProcess.RunAsync("export", "--db", _db);
        Assert.Equal(0, export.ExitCode);
        var files = export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(
                e => Path.GetRelativePath(_library, e.GetProperty("path").GetString()!),
                e => (e.GetProperty("width").GetInt32(), e.GetProperty("height").GetInt32(), e.GetProperty("format").GetString()!));
        Assert.Equal(_valid.OrderBy(p => p.Key, StringComparer.Ordinal), files.OrderBy(p => p.Key, StringComparer.Ordinal));

        var errors = await DfdProcess.RunAsync("errors", "--db", _db, "--json");
        Assert.Equal(0, errors.ExitCode);
        using var errorList = JsonDocument.Parse(errors.Stdout);
        var reported = errorList.RootElement.EnumerateArray().ToDictionary(
            e => Path.GetRelativePath(_library, e.GetProperty("path").GetString()!),
            e => (e.GetProperty("stage").GetString()!, e.GetProperty("reason").GetString()!));
        Assert.Equal(_broken.Keys.Order(StringComparer.Ordinal), reported.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, (stage, reason)) in _broken)
        {
            Assert.True(reported[path].Item1 == stage && reported[path].Item2.Contains(reason, StringComparison.Ordinal), $"{path}: expected {stage} '{reason}', got {reported[path]}");
        }
    }

    [Fact]
    public async Task Index_HostileFolderTwice_BrokenFilesNotRetried()
    {
        await Catalogs.ScanAsync(_db, _library);

        var again = await Catalogs.ScanAsync(_db, _library);

        Assert.Equal((0, _broken.Count, _valid.Count, 0), (again.Failed, again.FailedUnchanged, again.Unchanged, again.Added));
    }
}
