using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage.Tests;

public sealed class DuplicateRunStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-duperuns-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_SameStateAndSettings_ReturnsTheRunElseNothing()
    {
        var store = new DuplicateRunStore(CatalogDatabase.Open(Path.Combine(_folder, "c.db")));
        var state = store.CatalogState();

        Assert.True(store.Save("defaults", state, "[1]", "a note"));

        Assert.Equal(("[1]", "a note"), store.Load("defaults", state) is { } run ? (run.GroupsJson, run.Note) : default);
        Assert.Null(store.Load("other settings", state));
        Assert.Null(store.Load("defaults", state + "x"));
    }

    [Theory]
    [InlineData("INSERT INTO files (path, image_id, size, mtime_ticks) VALUES ('/lib/new.png', 1, 10, 5)")]
    [InlineData("DELETE FROM files WHERE path = '/lib/a.png'")]
    [InlineData("UPDATE files SET mtime_ticks = mtime_ticks + 1")]
    [InlineData("UPDATE files SET path = '/lib/c.png' WHERE path = '/lib/a.png'")]
    [InlineData("UPDATE files SET image_id = 2 WHERE path = '/lib/a.png'")]
    [InlineData("INSERT INTO embeddings (image_id, model_id, dims, dtype, vector) VALUES (1, 'm', 1, 'f32', x'00000000')")]
    public void CatalogState_AnyFileOrVectorChange_ChangesIt(string change)
    {
        var path = Path.Combine(_folder, "c.db");
        var store = new DuplicateRunStore(CatalogDatabase.Open(path));
        Execute(path, """
            INSERT INTO images (id, content_hash, format, width, height, byte_size, added_at) VALUES (1, x'01', 'png', 1, 1, 1, 't'), (2, x'02', 'png', 1, 1, 1, 't');
            INSERT INTO files (path, image_id, size, mtime_ticks) VALUES ('/lib/a.png', 1, 10, 1000), ('/lib/b.png', 2, 10, 2000);
            """);
        var before = store.CatalogState();

        Execute(path, change);

        Assert.NotEqual(before, store.CatalogState());
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
