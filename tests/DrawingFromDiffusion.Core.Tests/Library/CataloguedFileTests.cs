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
        var (path, size, ticks, hash) = Catalogue("a.png", "original content"u8.ToArray());

        await using var stream = await CataloguedFile.OpenUnchangedAsync(path, size, ticks, hash, CancellationToken.None);

        Assert.NotNull(stream);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task OpenUnchanged_SymlinkSwappedToASameSizeFileWithTheSameTime_Refused()
    {
        var (path, size, ticks, hash) = Catalogue("a.png", "original content"u8.ToArray());
        var secret = Path.Combine(_folder, "outside-secret.txt");
        File.WriteAllBytes(secret, "SECRET content!!"u8.ToArray());
        File.SetLastWriteTimeUtc(secret, new DateTime(ticks, DateTimeKind.Utc));
        File.Delete(path);
        File.CreateSymbolicLink(path, secret);

        var stream = await CataloguedFile.OpenUnchangedAsync(path, size, ticks, hash, CancellationToken.None);

        Assert.Null(stream);
    }

    [Fact]
    public async Task OpenUnchanged_SymlinkToTheSameContent_ServedAfterTheHashCheck()
    {
        var content = "original content"u8.ToArray();
        var (path, size, ticks, hash) = Catalogue("a.png", content);
        var copy = Path.Combine(_folder, "copy.png");
        File.WriteAllBytes(copy, content);
        File.Delete(path);
        File.CreateSymbolicLink(path, copy);

        await using var stream = await CataloguedFile.OpenUnchangedAsync(path, size, ticks, hash, CancellationToken.None);

        Assert.NotNull(stream);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task OpenUnchanged_RewrittenSameSizeNewTime_RefusedUnlessTheContentIsTheSame()
    {
        var (path, size, ticks, hash) = Catalogue("a.png", "original content"u8.ToArray());
        File.WriteAllBytes(path, "replaced content"u8.ToArray());
        File.SetLastWriteTimeUtc(path, new DateTime(ticks, DateTimeKind.Utc).AddMinutes(5));
        var (touched, touchedSize, touchedTicks, touchedHash) = Catalogue("b.png", "kept content...."u8.ToArray());
        File.SetLastWriteTimeUtc(touched, new DateTime(touchedTicks, DateTimeKind.Utc).AddMinutes(5));

        var rewritten = await CataloguedFile.OpenUnchangedAsync(path, size, ticks, hash, CancellationToken.None);
        await using var stillSame = await CataloguedFile.OpenUnchangedAsync(touched, touchedSize, touchedTicks, touchedHash, CancellationToken.None);

        Assert.Null(rewritten);
        Assert.NotNull(stillSame);
    }

    private (string Path, long Size, long Ticks, ContentHash Hash) Catalogue(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return (path, content.Length, new FileInfo(path).LastWriteTimeUtc.Ticks, ContentHash.Of(content));
    }
}
