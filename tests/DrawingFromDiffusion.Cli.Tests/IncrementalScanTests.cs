using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Tests.Shared;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>What a second scan does after each kind of change on disk, end to end on real files and SQLite.</summary>
public sealed class IncrementalScanTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _library;
    private readonly string _db;

    public IncrementalScanTests()
    {
        _library = _temp.Combine("library");
        _db = _temp.Combine("catalog.db");
        _temp.Write("library/a.png", TestImages.Png(96, 64, seed: 1));
        _temp.Write("library/b.jpg", TestImages.Jpeg(80, 80, seed: 2));
        _temp.Write("library/sub/c.png", TestImages.Png(64, 96, seed: 3));
    }

    public void Dispose() => _temp.Dispose();

    private string Lib(string relative) => Path.Combine(_library, relative);

    [Fact]
    public async Task Scan_NewFolder_AddsEveryImage()
    {
        var summary = await Catalogs.ScanAsync(_db, _library);

        Assert.Equal((3, 3, 0, 0, 0), (summary.Found, summary.Added, summary.Updated, summary.Unchanged, summary.Failed));
        Assert.True(summary.Completed);
        Assert.Equal(3, Catalogs.Files(_db).Count);
        Assert.Equal(3, Catalogs.Scalar(_db, "SELECT count(*) FROM images"));
        Assert.Equal(3, Catalogs.Scalar(_db, "SELECT count(*) FROM thumbnails"));
    }

    [Fact]
    public async Task Scan_NothingChanged_EverythingUnchanged()
    {
        await Catalogs.ScanAsync(_db, _library);

        var summary = await Catalogs.ScanAsync(_db, _library);

        Assert.Equal((3, 0, 0, 3, 0, 0), (summary.Found, summary.Added, summary.Updated, summary.Unchanged, summary.Removed, summary.Moved));
    }

    [Fact]
    public async Task Scan_NothingChangedInSizeOrTime_NoFileReadAgain()
    {
        await Catalogs.ScanAsync(_db, _library);
        // New bytes that no decoder takes, same size and mtime: a rescan that opened any file would see them.
        foreach (var path in new[] { Lib("a.png"), Lib("b.jpg"), Lib("sub/c.png") })
        {
            var stamp = File.GetLastWriteTimeUtc(path);
            File.WriteAllBytes(path, new byte[new FileInfo(path).Length]);
            File.SetLastWriteTimeUtc(path, stamp);
        }

        var analyzer = new CountingAnalyzer();
        var rescan = await Catalogs.ScanAsync(_db, _library, analyzer);

        Assert.Equal((3, 0, 0, 3, 0), (rescan.Found, rescan.Added, rescan.Updated, rescan.Unchanged, rescan.Failed));
        Assert.Equal(0, analyzer.Calls);
        Assert.Equal(0, Catalogs.Scalar(_db, "SELECT count(*) FROM errors"));
        Assert.Equal(3, Catalogs.Scalar(_db, "SELECT count(*) FROM images"));
    }

    [Fact]
    public async Task Scan_LinkAndHiddenFileBesidePlainFiles_ListedAsBefore()
    {
        File.CreateSymbolicLink(Lib("link.png"), Lib("a.png"));
        _temp.Write("library/.hidden.png", TestImages.Png(32, 32, seed: 8));

        var summary = await Catalogs.ScanAsync(_db, _library);
        var withHidden = await Catalogs.ScanAsync(_temp.Combine("hidden.db"), _library, configure: o => o with { IncludeHidden = true });

        Assert.Equal((4, 0), (summary.Found, summary.Failed));
        Assert.Equal(5, withHidden.Found);
        var files = Catalogs.Files(_db);
        Assert.Equal(files[Lib("a.png")], files[Lib("link.png")]);
        Assert.Equal(new FileInfo(Lib("a.png")).LastWriteTimeUtc.Ticks, Catalogs.Scalar(_db, $"SELECT mtime_ticks FROM files WHERE path = '{Lib("a.png")}'"));
    }

    [Fact]
    public async Task Scan_ModifiedFile_UpdatedToNewImageAndOldPruned()
    {
        await Catalogs.ScanAsync(_db, _library);
        var before = Catalogs.Files(_db);
        File.WriteAllBytes(Lib("a.png"), TestImages.Png(96, 64, seed: 100));
        File.SetLastWriteTimeUtc(Lib("a.png"), DateTime.UtcNow.AddMinutes(1));

        var summary = await Catalogs.ScanAsync(_db, _library);

        Assert.Equal((1, 2, 0, 0, 1), (summary.Updated, summary.Unchanged, summary.Added, summary.Removed, summary.ImagesPruned));
        var after = Catalogs.Files(_db);
        Assert.NotEqual(before[Lib("a.png")], after[Lib("a.png")]);
        Assert.Equal(3, Catalogs.Scalar(_db, "SELECT count(*) FROM images"));
    }

    [Fact]
    public async Task Scan_DeletedFile_RemovedAndImagePruned()
    {
        await Catalogs.ScanAsync(_db, _library);
        File.Delete(Lib("b.jpg"));

        var summary = await Catalogs.ScanAsync(_db, _library);

        Assert.Equal((2, 1, 0, 1), (summary.Unchanged, summary.Removed, summary.Moved, summary.ImagesPruned));
        Assert.DoesNotContain(Lib("b.jpg"), Catalogs.Files(_db).Keys);
        Assert.Equal(2, Catalogs.Scalar(_db, "SELECT count(*) FROM images"));
    }

    [Fact]
    public async Task Scan_RenamedFile_CountedAsMovedAndKeepsImage()
    {
        await Catalogs.ScanAsync(_db, _library);
        var imageId = Catalogs.Files(_db)[Lib("a.png")];
        Directory.CreateDirectory(Lib("moved"));
        File.Move(Lib("a.png"), Lib("moved/renamed.png"));

        var summary = await Catalogs.ScanAsync(_db, _library);

        Assert.Equal((1, 0, 0, 0, 2), (summary.Moved, summary.Added, summary.Removed, summary.ImagesPruned, summary.Unchanged));
        var files = Catalogs.Files(_db);
        Assert.Equal(imageId, files[Lib("moved/renamed.png")]);
        Assert.DoesNotContain(Lib("a.png"), files.Keys);
    }

    [Fact]
    public async Task Scan_CopiedFile_TwoPathsShareOneImage()
    {
        await Catalogs.ScanAsync(_db, _library);
        File.Copy(Lib("b.jpg"), Lib("sub/copy-of-b.jpg"));

        var summary = await Catalogs.ScanAsync(_db, _library);

        Assert.Equal((1, 0, 0, 3), (summary.Added, summary.Moved, summary.Removed, summary.Unchanged));
        var files = Catalogs.Files(_db);
        Assert.Equal(files[Lib("b.jpg")], files[Lib("sub/copy-of-b.jpg")]);
        Assert.Equal(3, Catalogs.Scalar(_db, "SELECT count(*) FROM images"));
    }

    [Fact]
    public async Task Scan_TwoNewCopiesInOneRun_OneImageRow()
    {
        _temp.Write("library/d1.png", TestImages.Png(50, 50, seed: 9));
        _temp.Write("library/sub/d2.png", TestImages.Png(50, 50, seed: 9));

        var summary = await Catalogs.ScanAsync(_db, _library, configure: o => o with { BatchSize = 1 });

        Assert.Equal((5, 0), (summary.Added, summary.Moved));
        var files = Catalogs.Files(_db);
        Assert.Equal(files[Lib("d1.png")], files[Lib("sub/d2.png")]);
        Assert.Equal(4, Catalogs.Scalar(_db, "SELECT count(*) FROM images"));
    }

    [Fact]
    public async Task Scan_TouchedWithoutChange_UpdatedButSameImage()
    {
        await Catalogs.ScanAsync(_db, _library);
        var before = Catalogs.Files(_db);
        File.SetLastWriteTimeUtc(Lib("sub/c.png"), DateTime.UtcNow.AddHours(1));

        var summary = await Catalogs.ScanAsync(_db, _library);

        Assert.Equal((1, 2, 0, 0, 0), (summary.Updated, summary.Unchanged, summary.Added, summary.Removed, summary.ImagesPruned));
        Assert.Equal(before, Catalogs.Files(_db));
        var ticks = Catalogs.Scalar(_db, $"SELECT mtime_ticks FROM files WHERE path = '{Lib("sub/c.png")}'");
        Assert.Equal(File.GetLastWriteTimeUtc(Lib("sub/c.png")).Ticks, ticks);
    }

    [Fact]
    public async Task Scan_FileBrokenThenRepaired_MovesBetweenErrorsAndFiles()
    {
        await Catalogs.ScanAsync(_db, _library);
        var good = File.ReadAllBytes(Lib("a.png"));
        File.WriteAllBytes(Lib("a.png"), good[..(good.Length / 3)]);
        File.SetLastWriteTimeUtc(Lib("a.png"), DateTime.UtcNow.AddMinutes(1));

        var broken = await Catalogs.ScanAsync(_db, _library);
        Assert.Equal((1, 1), (broken.Failed, broken.ImagesPruned));
        Assert.DoesNotContain(Lib("a.png"), Catalogs.Files(_db).Keys);
        Assert.Equal(1, Catalogs.Scalar(_db, "SELECT count(*) FROM errors"));

        File.WriteAllBytes(Lib("a.png"), good);
        File.SetLastWriteTimeUtc(Lib("a.png"), DateTime.UtcNow.AddMinutes(2));
        var repaired = await Catalogs.ScanAsync(_db, _library);

        Assert.Equal((0, 1), (repaired.Failed, repaired.Added));
        Assert.Contains(Lib("a.png"), Catalogs.Files(_db).Keys);
        Assert.Equal(0, Catalogs.Scalar(_db, "SELECT count(*) FROM errors"));
    }

    [Fact]
    public async Task Scan_OtherRootInSameCatalog_LeavesFirstRootAlone()
    {
        _temp.Write("other/x.png", TestImages.Png(40, 40, seed: 20));
        await Catalogs.ScanAsync(_db, _library);

        var summary = await Catalogs.ScanAsync(_db, _temp.Combine("other"));

        Assert.Equal((1, 1, 0), (summary.Found, summary.Added, summary.Removed));
        Assert.Equal(4, Catalogs.Files(_db).Count);
    }

    private sealed class CountingAnalyzer : DrawingFromDiffusion.Core.Imaging.IImageAnalyzer
    {
        private readonly DrawingFromDiffusion.Onnx.Imaging.SkiaImageAnalyzer _inner = new();
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public DrawingFromDiffusion.Core.Catalog.ImageFacts Analyze(Stream content, DrawingFromDiffusion.Core.Catalog.ImageFormat format, DrawingFromDiffusion.Core.Imaging.ImageLimits limits, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return _inner.Analyze(content, format, limits, cancellationToken);
        }
    }
}
