using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Tests.Shared;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>
/// `dfd serve` hands out a catalogued file only while it is the catalogued content: the scan records each file's
/// device, inode and ctime, and a same-size replacement whose mtime was set back is caught (issue 19, item 5).
/// </summary>
public sealed class ServedFileIdentityTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task OpenOriginal_ReplacedBySameSizeFileWithTheOldMtime_NotServed()
    {
        var db = _temp.Combine("catalog.db");
        var kept = _temp.Write("library/kept.png", TestImages.Png(64, 48, seed: 1));
        var swapped = _temp.Write("library/swapped.png", TestImages.Png(64, 48, seed: 2));
        await Catalogs.ScanAsync(db, _temp.Combine("library"));
        var ids = Catalogs.Files(db);
        Assert.Equal(2, Catalogs.Scalar(db, "SELECT count(*) FROM files WHERE device IS NOT NULL AND inode IS NOT NULL AND ctime_ticks IS NOT NULL"));

        // Another file of exactly the same size, its mtime set to the catalogued one, moved over the catalogued path.
        var original = await File.ReadAllBytesAsync(swapped);
        var other = (byte[])original.Clone();
        other[^20] ^= 0xFF;
        var mtime = File.GetLastWriteTimeUtc(swapped);
        var replacement = _temp.Write("elsewhere/secret.png", other);
        File.SetLastWriteTimeUtc(replacement, mtime);
        File.Move(replacement, swapped, overwrite: true);
        Assert.Equal((original.LongLength, mtime), (new FileInfo(swapped).Length, File.GetLastWriteTimeUtc(swapped)));

        var browser = new CatalogBrowser(new ReadOnlyCatalog(CatalogDatabase.OpenExisting(db, readOnly: true)!));
        var served = await browser.OpenOriginalAsync(ids[swapped], CancellationToken.None);
        var stillServed = await browser.OpenOriginalAsync(ids[kept], CancellationToken.None);

        Assert.Null(served);
        Assert.NotNull(stillServed);
        await using (stillServed.Value.Stream)
        {
            Assert.Equal(new FileInfo(kept).Length, stillServed.Value.Stream.Length);
        }
    }
}
