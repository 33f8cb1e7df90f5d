using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>`kill -9` in the middle of `dfd index`, then a rerun.</summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const int Images = 400;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Index_KilledMidRun_CatalogIntactAndRerunResumes()
    {
        var library = _temp.Combine("library");
        var db = _temp.Combine("catalog.db");
        Parallel.For(0, Images, i => _temp.Write(
            $"library/{i / 50:00}/img{i:000}.{(i % 2 == 0 ? "png" : "jpg")}",
            i % 2 == 0 ? TestImages.Png(256, 256, seed: i) : TestImages.Jpeg(320, 240, seed: i)));

        using (var child = DfdProcess.Start("index", "--no-embed", library, "--db", db, "--workers", "1"))
        {
            var committed = await Catalogs.WaitForCountAsync(db, child, "SELECT count(*) FROM files", atLeast: 64);
            Assert.False(child.HasExited, $"dfd finished before it could be killed ({committed} files committed): make the corpus bigger");
            child.Kill(); // SIGKILL on Unix
            await child.WaitForExitAsync();
        }

        Assert.Equal("ok", Catalogs.IntegrityCheck(db));
        var before = Catalogs.Scalar(db, "SELECT count(*) FROM files");
        Assert.InRange(before, 64, Images - 1);

        var rerun = await DfdProcess.RunAsync("index", "--no-embed", library, "--db", db, "--json");

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        using var summary = JsonDocument.Parse(rerun.Stdout);
        var root = summary.RootElement;
        Assert.Equal(Images, root.GetProperty("found").GetInt32());
        Assert.Equal(before, root.GetProperty("unchanged").GetInt32());
        Assert.Equal(Images - before, root.GetProperty("added").GetInt32());
        Assert.Equal(0, root.GetProperty("failed").GetInt32());
        Assert.Equal("ok", Catalogs.IntegrityCheck(db));
        Assert.Equal(Images, Catalogs.Scalar(db, "SELECT count(*) FROM files"));
        Assert.Equal(Images, Catalogs.Scalar(db, "SELECT count(DISTINCT path) FROM files"));
        Assert.Equal(Images, Catalogs.Scalar(db, "SELECT count(*) FROM images"));
        Assert.Equal(0, Catalogs.Scalar(db, "SELECT count(*) FROM images WHERE NOT EXISTS (SELECT 1 FROM thumbnails WHERE image_id = images.id)"));
    }
}
