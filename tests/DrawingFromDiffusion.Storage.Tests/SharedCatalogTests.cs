using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage.Tests;

/// <summary>Read-only use, foreign SQLite files and one writer per catalog (issue 19, items 6 and 7).</summary>
public sealed class SharedCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-shared-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Db => Path.Combine(_folder, "catalog.db");

    [Fact]
    public void OpenExisting_ForeignSqliteFile_RefusedAndLeftByteIdentical()
    {
        var foreign = Path.Combine(_folder, "other-app.db");
        using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me');";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(foreign);

        var refused = Assert.Throws<NotACatalogException>(() => CatalogDatabase.OpenExisting(foreign));
        Assert.Throws<NotACatalogException>(() => CatalogDatabase.Open(foreign));

        Assert.Contains("another program", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(foreign));
        Assert.Equal(["other-app.db"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void OpenExisting_ReadOnly_AnswersQueriesAndWritesNothing()
    {
        using (var connection = CatalogDatabase.Open(Db).Connect())
        {
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;";
            checkpoint.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(Db);
        var filesBefore = Directory.GetFiles(_folder).Order().ToList();

        var database = CatalogDatabase.OpenExisting(Db, readOnly: true)!;
        var stats = new CatalogQueries(database).Stats();

        Assert.True(database.IsReadOnly);
        Assert.Equal(0, stats.Images);
        Assert.Equal(before, File.ReadAllBytes(Db));
        Assert.Equal(filesBefore, Directory.GetFiles(_folder).Order().ToList());
    }

    [Fact]
    public void OpenExisting_ReadOnlyCatalogOfAnOlderSchema_RefusedNotMigrated()
    {
        using (var connection = CatalogDatabase.Open(Db).Connect())
        {
            using var downgrade = connection.CreateCommand();
            downgrade.CommandText = "PRAGMA user_version = 1; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;";
            downgrade.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(Db);

        var refused = Assert.Throws<CatalogVersionException>(() => CatalogDatabase.OpenExisting(Db, readOnly: true));

        Assert.Contains("write access", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Db));
    }

    [Fact]
    public async Task WriterLock_HeldElsewhere_NoWaitRefusesAndWaitingGetsItWhenReleased()
    {
        var first = await CatalogWriterLock.AcquireAsync(Db, wait: false, null, CancellationToken.None);

        await Assert.ThrowsAsync<CatalogInUseException>(() => CatalogWriterLock.AcquireAsync(Db, wait: false, null, CancellationToken.None));
        var told = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = CatalogWriterLock.AcquireAsync(Db, wait: true, m => told.TrySetResult(m), CancellationToken.None);
        var message = await told.Task;
        Assert.False(second.IsCompleted);
        first.Dispose();
        using var taken = await second;

        Assert.Contains("waiting", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriterLock_WaitCancelled_Throws()
    {
        using var first = await CatalogWriterLock.AcquireAsync(Db, wait: false, null, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var second = CatalogWriterLock.AcquireAsync(Db, wait: true, _ => waiting.TrySetResult(), stop.Token);
        await waiting.Task;
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
    }
}
