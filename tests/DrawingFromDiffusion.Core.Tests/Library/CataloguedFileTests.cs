using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Library;

namespace DrawingFromDiffusion.Core.Tests.Library;

/// <summary>A catalogued file is served only while it holds the catalogued content (issue 19, item 5).</summary>
public sealed class CataloguedFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-served-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task OpenUnchanged_SameSizeAndTime_Served()
    {
        var (path, size, ticks, identity, hash) = Catalogue("a.png", "original content"u8.ToArray());

        await using var stream = await CataloguedFile.OpenUnchangedAsync(path, size, ticks, identity, hash, CancellationToken.None);

        Assert.NotNull(stream);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task OpenUnchanged_SymlinkSwappedToASameSizeFileWithTheSameTime_Refused()
    {
        var (path, size, ticks, identity, hash) = Catalogue("a.png", "original content"u8.ToArray());
        var secret = Path.Combine(_folder, "outside-secret.txt");
        File.WriteAllBytes(secret, "SECRET content!!"u8.ToArray());
        File.SetLastWriteTimeUtc(secret, new DateTime(ticks, DateTimeKind.Utc));
        File.Delete(path);
        File.CreateSymbolicLink(path, secret);

        var stream = await CataloguedFile.OpenUnchangedAsync(path, size, ticks, identity, hash, CancellationToken.None);

        Assert.Null(stream);
    }

    [Fact]
    public async Task OpenUnchanged_SymlinkToTheSameContent_ServedAfterTheHashCheck()
    {
        var content = "original content"u8.ToArray();
        var (path, size, ticks, identity, hash) = Catalogue("a.png", content);
        var copy = Path.Combine(_folder, "copy.png");
        File.WriteAllBytes(copy, content);
        File.Delete(path);
        File.CreateSymbolicLink(path, copy);

        await using var stream = await CataloguedFile.OpenUnchangedAsync(path, size, ticks, identity, hash, CancellationToken.None);

        Assert.NotNull(stream);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task OpenUnchanged_RewrittenSameSizeNewTime_RefusedUnlessTheContentIsTheSame()
    {
        var (path, size, ticks, identity, hash) = Catalogue("a.png", "original content"u8.ToArray());
        File.WriteAllBytes(path, "replaced content"u8.ToArray());
        File.SetLastWriteTimeUtc(path, new DateTime(ticks, DateTimeKind.Utc).AddMinutes(5));
        var (touched, touchedSize, touchedTicks, touchedIdentity, touchedHash) = Catalogue("b.png", "kept content...."u8.ToArray());
        File.SetLastWriteTimeUtc(touched, new DateTime(touchedTicks, DateTimeKind.Utc).AddMinutes(5));

        var rewritten = await CataloguedFile.OpenUnchangedAsync(path, size, ticks, identity, hash, CancellationToken.None);
        await using var stillSame = await CataloguedFile.OpenUnchangedAsync(touched, touchedSize, touchedTicks, touchedIdentity, touchedHash, CancellationToken.None);

        Assert.Null(rewritten);
        Assert.NotNull(stillSame);
    }

    [Fact]
    public async Task OpenUnchanged_ReplacedBySameSizeFileWithItsTimeSetBack_Refused()
    {
        var (path, size, ticks, identity, hash) = Catalogue("a.png", "original content"u8.ToArray());
        var replacement = Path.Combine(_folder, "replacement.tmp");
        File.WriteAllBytes(replacement, "replaced content"u8.ToArray());
        File.SetLastWriteTimeUtc(replacement, new DateTime(ticks, DateTimeKind.Utc));
        File.Move(replacement, path, overwrite: true);
        Assert.Equal((size, ticks), (new FileInfo(path).Length, new FileInfo(path).LastWriteTimeUtc.Ticks));

        var stream = await CataloguedFile.OpenUnchangedAsync(path, size, ticks, identity, hash, CancellationToken.None);

        Assert.Null(stream);
    }

    [Fact]
    public async Task OpenUnchanged_RewrittenInPlaceWithItsTimeSetBack_Refused()
    {
        var (path, size, ticks, identity, hash) = Catalogue("a.png", "original content"u8.ToArray());
        File.WriteAllBytes(path, "replaced content"u8.ToArray());
        // Same inode; the kernel's coarse clock may give the rewrite the catalogued ctime until it ticks over.
        do
        {
            File.SetLastWriteTimeUtc(path, new DateTime(ticks, DateTimeKind.Utc));
        }
        while (FileIdentity.Of(path) == identity);

        var stream = await CataloguedFile.OpenUnchangedAsync(path, size, ticks, identity, hash, CancellationToken.None);

        Assert.Null(stream);
    }

    [Fact]
    public async Task OpenUnchanged_SameContentPutBackWithItsTimeSetBack_ServedAfterTheHashCheck()
    {
        var content = "original content"u8.ToArray();
        var (path, size, ticks, identity, hash) = Catalogue("a.png", content);
        var copy = Path.Combine(_folder, "copy.tmp");
        File.WriteAllBytes(copy, content);
        File.SetLastWriteTimeUtc(copy, new DateTime(ticks, DateTimeKind.Utc));
        File.Move(copy, path, overwrite: true);

        await using var stream = await CataloguedFile.OpenUnchangedAsync(path, size, ticks, identity, hash, CancellationToken.None);

        Assert.NotNull(stream);
        Assert.NotEqual(identity, FileIdentity.Of(path));
    }

    [Fact]
    public async Task OpenUnchanged_NoRecordedIdentity_TheContentDecides()
    {
        var (path, size, ticks, _, hash) = Catalogue("a.png", "original content"u8.ToArray());
        var (other, otherSize, otherTicks, _, otherHash) = Catalogue("b.png", "other content..."u8.ToArray());
        File.WriteAllBytes(other, "changed content."u8.ToArray());
        File.SetLastWriteTimeUtc(other, new DateTime(otherTicks, DateTimeKind.Utc));

        await using var unchanged = await CataloguedFile.OpenUnchangedAsync(path, size, ticks, null, hash, CancellationToken.None);
        var changed = await CataloguedFile.OpenUnchangedAsync(other, otherSize, otherTicks, null, otherHash, CancellationToken.None);

        Assert.NotNull(unchanged);
        Assert.Null(changed);
    }

    [Fact]
    public void FileIdentity_SameFileOpenedTwice_Equal()
    {
        var (path, _, _, identity, _) = Catalogue("a.png", "original content"u8.ToArray());

        Assert.NotNull(identity);
        Assert.Equal(identity, FileIdentity.Of(path));
        Assert.NotEqual(0, identity.Value.Inode);
    }

    private (string Path, long Size, long Ticks, FileIdentity? Identity, ContentHash Hash) Catalogue(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return (path, content.Length, new FileInfo(path).LastWriteTimeUtc.Ticks, FileIdentity.Of(path), ContentHash.Of(content));
    }
}
