using System.Security.Cryptography;
using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Tests.Shared;
using SkiaSharp;

namespace DrawingFromDiffusion.Cli.Tests.Curation;

/// <summary>
/// `dfd dataset export` of a collection built from a search, checked against the rules trainers apply: kohya
/// sd-scripts (config_util.generate_dreambooth_subsets_config_by_subdirs: a subfolder is read only when the text
/// before its first '_' is an integer, the repeats, and the rest is the concept; each image's caption is the file of
/// the same stem with the caption extension, .txt here) and Hugging Face imagefolder (metadata.jsonl: file_name, text).
/// </summary>
public sealed class DatasetExportTests : IDisposable
{
    private static readonly string[] _kohyaImageExtensions = [".png", ".jpg", ".jpeg", ".webp", ".bmp"];

    private static readonly string[] _prompts =
    [
        "ink portrait of a woman, (masterpiece:1.2) <lora:inkstyle:0.8>",
        "ink portrait of an old man, ((detailed))",
        "ink portrait of a child, [blurry]",
        "ink portrait of a sailor BREAK harbour",
        "oil landscape with mountains",
    ];

    private readonly TempFolder _temp = new();
    private readonly string _db;
    private readonly string _library;
    private readonly string _nearCopy;

    public DatasetExportTests()
    {
        _db = _temp.Combine("catalog.db");
        _library = _temp.Combine("library");
        for (var i = 0; i < _prompts.Length; i++)
        {
            _temp.Write($"library/gen/img{i}.png", GenerationPng.Make(256, 192, i + 11, _prompts[i]));
        }

        // A near copy of img1: the same picture re-encoded as JPEG, without its parameters.
        using var bitmap = SKBitmap.Decode(_temp.Combine("library", "gen", "img1.png"));
        using var image = SKImage.FromBitmap(bitmap);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        _nearCopy = _temp.Write("library/copies/img1-copy.jpg", jpeg.ToArray());
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Kohya_CollectionFromSearch_FollowsKohyaFolderRulesWithoutDuplicatesAndOriginalsUntouched()
    {
        await PrepareCollectionAsync();
        var before = Originals();
        var output = _temp.Combine("train");

        await Ok("dataset", "export", "--collection", "ink-set", "--out", output, "--format", "kohya", "--repeats", "8", "--concept", "inkstyle", "--trigger", "ohwx", "--db", _db);

        Assert.Equal(before, Originals());
        var subsets = Directory.GetDirectories(output);
        var subset = Assert.Single(subsets);
        var tokens = Path.GetFileName(subset).Split('_');
        Assert.Equal((8, "inkstyle"), (int.Parse(tokens[0], System.Globalization.CultureInfo.InvariantCulture), string.Join('_', tokens[1..])));
        var files = Directory.GetFiles(subset);
        var images = files.Where(f => _kohyaImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant())).ToList();
        Assert.Equal(4, images.Count);
        Assert.All(images, i => Assert.True(File.Exists(Path.ChangeExtension(i, ".txt")), $"{i} has no caption file"));
        Assert.Equal(images.Count * 2, files.Length);
        Assert.Equal(images.Count, images.Select(i => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(i)))).Distinct().Count());
        Assert.DoesNotContain(images, i => Path.GetExtension(i) == ".jpg");
        var captions = images.Select(i => File.ReadAllText(Path.ChangeExtension(i, ".txt"))).ToList();
        Assert.All(captions, c => Assert.StartsWith("ohwx, ink portrait of ", c, StringComparison.Ordinal));
        Assert.All(captions, c => Assert.DoesNotMatch(@"[<>()\[\]]|:\d|BREAK|lora", c));
        Assert.Contains("ohwx, ink portrait of a woman, masterpiece", captions);
        Assert.Contains("ohwx, ink portrait of a sailor, harbour", captions);

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        var dropped = Assert.Single(report.RootElement.GetProperty("dropped").EnumerateArray());
        Assert.Equal(_nearCopy, dropped.GetProperty("path").GetString());
        Assert.StartsWith("near-duplicate", dropped.GetProperty("reason").GetString(), StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        foreach (var entry in manifest.RootElement.GetProperty("images").EnumerateArray())
        {
            var written = Path.Combine(output, entry.GetProperty("file").GetString()!);
            Assert.Equal(entry.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(written))));
            Assert.Equal(entry.GetProperty("source_sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(entry.GetProperty("source").GetString()!))));
        }

        Assert.Equal(4, manifest.RootElement.GetProperty("images").GetArrayLength());
    }

    [Fact]
    public async Task Diffusers_BucketsWithoutDedupe_ImagefolderMetadataAndBucketSizes()
    {
        await PrepareCollectionAsync();
        var before = Originals();
        var output = _temp.Combine("hf");

        await Ok("dataset", "export", "--collection", "ink-set", "--out", output, "--format", "diffusers", "--bucket", "512,768", "--dedupe", "none", "--db", _db);

        Assert.Equal(before, Originals());
        var lines = File.ReadAllLines(Path.Combine(output, "metadata.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(5, lines.Count);
        foreach (var line in lines)
        {
            Assert.Equal(["file_name", "text"], line.EnumerateObject().Select(p => p.Name));
            using var codec = SKCodec.Create(Path.Combine(output, line.GetProperty("file_name").GetString()!));
            Assert.Equal((768, 512), (codec.Info.Width, codec.Info.Height));
        }

        Assert.Contains(lines, l => l.GetProperty("text").GetString() == "");
    }

    [Fact]
    public async Task OutFolder_NonEmptyOrForeignOrHoldingOriginals_RefusedAndLeftAlone()
    {
        await PrepareCollectionAsync();
        var foreign = _temp.Write("busy/notes.txt", "mine"u8.ToArray());
        var busy = Path.GetDirectoryName(foreign)!;
        var output = _temp.Combine("set");

        var nonEmpty = await DfdProcess.RunAsync("dataset", "export", "--collection", "ink-set", "--out", busy, "--db", _db);
        var notOurs = await DfdProcess.RunAsync("dataset", "export", "--collection", "ink-set", "--out", busy, "--overwrite", "--db", _db);
        var originals = await DfdProcess.RunAsync("dataset", "export", "--collection", "ink-set", "--out", _library, "--overwrite", "--db", _db);
        await Ok("dataset", "export", "--collection", "ink-set", "--out", output, "--db", _db);
        var again = await DfdProcess.RunAsync("dataset", "export", "--collection", "ink-set", "--out", output, "--db", _db);
        await Ok("dataset", "export", "--collection", "ink-set", "--out", output, "--overwrite", "--format", "jsonl", "--db", _db);

        Assert.All([nonEmpty, notOurs, originals, again], r => Assert.True(r.ExitCode == 2, r.ToString()));
        Assert.Contains("--overwrite", nonEmpty.Stderr, StringComparison.Ordinal);
        Assert.Contains("no earlier dfd dataset export", notOurs.Stderr, StringComparison.Ordinal);
        Assert.Contains("originals", originals.Stderr, StringComparison.Ordinal);
        Assert.Equal([foreign], Directory.GetFiles(busy));
        Assert.Equal(["dataset.jsonl", "images", "manifest.json", "report.json"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task CaptionTags_FilteredByRating_UsesManualTagsWithTrigger()
    {
        await PrepareCollectionAsync();
        var img2 = _temp.Combine("library", "gen", "img2.png");
        await Ok("tag", "add", "ink_sketch,child", img2, "--db", _db);
        await Ok("rate", img2, "5", "--db", _db);
        var output = _temp.Combine("tags");

        await Ok("dataset", "export", "--collection", "ink-set", "--out", output, "--format", "jsonl", "--caption", "tags", "--trigger", "sks", "--rating-min", "4", "--db", _db);

        var line = JsonDocument.Parse(Assert.Single(File.ReadAllLines(Path.Combine(output, "dataset.jsonl")))).RootElement;
        Assert.Equal("sks, ink sketch, child", line.GetProperty("text").GetString());
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        Assert.Equal(4, report.RootElement.GetProperty("dropped").EnumerateArray().Count(d => d.GetProperty("reason").GetString() == "left out by the filters"));
    }

    [Fact]
    public async Task Dupes_CurationFilters_OnlyGroupsWithTwoImagesPassing()
    {
        await PrepareCollectionAsync();
        var img1 = _temp.Combine("library", "gen", "img1.png");
        await Ok("collection", "add", "only-one", img1, "--db", _db);
        await Ok("tag", "add", "pair", img1, _nearCopy, "--db", _db);

        var all = Groups(await Ok("dupes", "--tier", "identical,visual", "--db", _db, "--json"));
        var inSet = Groups(await Ok("dupes", "--tier", "identical,visual", "--collection", "ink-set", "--tag", "pair", "--db", _db, "--json"));
        var single = Groups(await Ok("dupes", "--tier", "identical,visual", "--collection", "only-one", "--db", _db, "--json"));
        var move = await DfdProcess.RunAsync("dupes", "--collection", "ink-set", "--move-to", _temp.Combine("moved"), "--yes", "--db", _db);

        var pair = new[] { img1, _nearCopy }.Order().ToList();
        Assert.Equal([pair], all);
        Assert.Equal([pair], inSet);
        Assert.Empty(single);
        Assert.True(move.ExitCode == 2, move.ToString());
        Assert.True(File.Exists(_nearCopy));
    }

    private static List<List<string>> Groups(DfdResult result) =>
        JsonDocument.Parse(result.Stdout).RootElement.GetProperty("groups").EnumerateArray()
            .Select(g => g.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("path").GetString()!).Order().ToList()).ToList();

    private async Task PrepareCollectionAsync()
    {
        await Ok("index", "--no-embed", _library, "--db", _db);
        var added = JsonDocument.Parse((await Ok("collection", "add", "ink-set", "--from-search", "ink portrait", "-k", "200", "--db", _db, "--json")).Stdout);
        Assert.Equal(4, added.RootElement.GetProperty("changed").GetInt32());
        await Ok("collection", "add", "ink-set", _nearCopy, "--db", _db);
    }

    /// <summary>Every file under the library with its SHA-256.</summary>
    private Dictionary<string, string> Originals() =>
        Directory.GetFiles(_library, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static async Task<DfdResult> Ok(params string[] args)
    {
        var result = await DfdProcess.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"dfd {string.Join(' ', args)}: {result}");
        return result;
    }
}
