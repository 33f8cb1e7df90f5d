using DrawingFromDiffusion.Core.Catalog;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage.Tests;

public sealed class CatalogDatabaseTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dfd-storage-" + Guid.NewGuid().ToString("n")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private string Db => Path.Combine(_folder, "nested", "catalog.db");

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public void Open_FreshPath_CreatesFolderAndMigratesToLatest()
    {
        var database = CatalogDatabase.Open(Db);

        using var connection = database.Connect();
        Assert.Equal(SchemaMigrator.LatestVersion, SchemaMigrator.CurrentVersion(connection));
        Assert.True(SchemaMigrator.LatestVersion >= 1);
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal(1L, Scalar(connection, "PRAGMA foreign_keys"));
        Assert.Equal(30000L, Scalar(connection, "PRAGMA busy_timeout"));
        foreach (var table in new[] { "images", "files", "generation", "embeddings", "errors", "scans", "thumbnails" })
        {
            Assert.Equal(1L, Scalar(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));
        }
    }

    [Fact]
    public void Open_Twice_KeepsVersionAndData()
    {
        using (var connection = CatalogDatabase.Open(Db).Connect())
        {
            Scalar(connection, "INSERT INTO scans (started_at, roots) VALUES ('2024-01-01T00:00:00Z', '[]')");
        }

        using var again = CatalogDatabase.Open(Db).Connect();

        Assert.Equal(1L, Scalar(again, "SELECT count(*) FROM scans"));
        Assert.Equal(SchemaMigrator.LatestVersion, SchemaMigrator.CurrentVersion(again));
    }

    [Fact]
    public void Open_CatalogFromNewerSchema_RefusedWithClearMessage()
    {
        using (var connection = CatalogDatabase.Open(Db).Connect())
        {
            Scalar(connection, $"PRAGMA user_version = {SchemaMigrator.LatestVersion + 1}");
        }

        var error = Assert.Throws<CatalogVersionException>(() => CatalogDatabase.Open(Db));

        Assert.Contains($"schema version {SchemaMigrator.LatestVersion + 1}", error.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade dfd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenExisting_Missing_ReturnsNullAndCreatesNothing()
    {
        Assert.Null(CatalogDatabase.OpenExisting(Db));
        Assert.False(Directory.Exists(Path.GetDirectoryName(Db)));
    }

    [Fact]
    public async Task Queries_DuringOpenWriteTransaction_SeeLastCommit()
    {
        var database = CatalogDatabase.Open(Db);
        using var catalog = new SqliteImageCatalog(database);
        await catalog.StartScanAsync(["/lib"], CancellationToken.None);
        await catalog.WriteBatchAsync([Scanned("/lib/a.png", 1)], CancellationToken.None);
        using var writer = database.Connect();
        using var transaction = writer.BeginTransaction();
        using (var insert = writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "DELETE FROM files";
            insert.ExecuteNonQuery();
        }

        var stats = new CatalogQueries(database).Stats();

        Assert.Equal((1, 1), (stats.Files, stats.Images));
        Assert.Equal(1, stats.Formats["png"]);
    }

    [Fact]
    public async Task WriteBatch_FailureThenSuccess_ErrorRowReplacedByFile()
    {
        var database = CatalogDatabase.Open(Db);
        using var catalog = new SqliteImageCatalog(database);
        await catalog.StartScanAsync(["/lib"], CancellationToken.None);

        await catalog.WriteBatchAsync([new FileFailed("/lib/a.png", 10, 1, ScanStage.Decode, "corrupt PNG")], CancellationToken.None);
        var errors = new CatalogQueries(database).Errors();
        await catalog.WriteBatchAsync([Scanned("/lib/a.png", 2)], CancellationToken.None);

        Assert.Equal(("decode", "corrupt PNG"), (Assert.Single(errors).Stage, errors[0].Reason));
        Assert.Empty(new CatalogQueries(database).Errors());
        Assert.Single(new CatalogQueries(database).Files());
    }

    [Fact]
    public async Task RemoveMissing_LastFileOfImage_PrunesImageAndThumbnail()
    {
        var database = CatalogDatabase.Open(Db);
        using var catalog = new SqliteImageCatalog(database);
        await catalog.WriteBatchAsync([Scanned("/lib/a.png", 1), Scanned("/lib/b.png", 2)], CancellationToken.None);

        var removal = await catalog.RemoveMissingAsync(["/lib/a.png"], CancellationToken.None);

        Assert.Equal(1, removal.ImagesPruned);
        Assert.Equal(new ContentHash(1), Assert.Single(removal.RemovedFileHashes));
        using var connection = database.Connect();
        Assert.Equal(1L, Scalar(connection, "SELECT count(*) FROM thumbnails"));
    }

    [Fact]
    public async Task LoadSnapshot_OtherRoots_LeftOut()
    {
        var database = CatalogDatabase.Open(Db);
        using var catalog = new SqliteImageCatalog(database);
        await catalog.WriteBatchAsync([Scanned("/lib/a.png", 1), Scanned("/library2/b.png", 2)], CancellationToken.None);

        var snapshot = await catalog.LoadSnapshotAsync(["/lib/"], CancellationToken.None);

        Assert.Equal(["/lib/a.png"], snapshot.Files.Keys);
        Assert.Equal(2, snapshot.KnownHashes.Count);
    }

    private static FileScanned Scanned(string path, ulong hash) =>
        new(path, 100, 5, new ContentHash(hash), new ImageFacts(ImageFormat.Png, 10, 10, 1, 2, [1, 2, 3]));
}
