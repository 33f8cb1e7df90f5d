using DrawingFromDiffusion.Core.Embeddings;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage.Tests;

public sealed class SqliteEmbeddingStoreTests : IDisposable
{
    private const string Model = "tiny-clip";
    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-embstore-").FullName;
    private readonly CatalogDatabase _database;
    private readonly SqliteEmbeddingStore _store;

    public SqliteEmbeddingStoreTests()
    {
        _database = CatalogDatabase.Open(Path.Combine(_folder, "catalog.db"));
        _store = new SqliteEmbeddingStore(_database);
    }

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(VectorPrecision.Float16, "f16", 2, 1e-3)]
    [InlineData(VectorPrecision.Float32, "f32", 4, 0.0)]
    public async Task SaveAsync_Precision_RoundTripsWithinItsResolution(VectorPrecision precision, string dtype, int bytesPerValue, double tolerance)
    {
        var id = AddImage("a.png");
        var vector = Enumerable.Range(0, 48).Select(i => MathF.Sin(i * 0.37f) * 0.3f).ToArray();

        await _store.SaveAsync(Model, 0, [new ImageEmbedding(id, vector)], precision, CancellationToken.None);

        var back = _store.Find(id, Model)!;
        Assert.Equal(vector.Length, back.Length);
        Assert.All(vector.Zip(back), p => Assert.InRange(p.Second - p.First, -tolerance, tolerance));
        Assert.Equal($"{dtype} 48 {48 * bytesPerValue}", Query($"SELECT dtype || ' ' || dims || ' ' || length(vector) FROM embeddings WHERE image_id = {id}"));
    }

    [Fact]
    public async Task ListMissingAsync_SomeEmbedded_ListsOnlyImagesLackingThisModel()
    {
        var ids = new[] { AddImage("1.png"), AddImage("2.png"), AddImage("3.png") };
        await _store.SaveAsync(Model, 0, [new ImageEmbedding(ids[1], [1f, 0f])], VectorPrecision.Float16, CancellationToken.None);

        var missing = await _store.ListMissingAsync(Model, 0, 0, 100, retryFailed: false, CancellationToken.None);
        var otherModel = await _store.ListMissingAsync("resnet18-imagenet", 0, 0, 100, retryFailed: false, CancellationToken.None);
        var afterFirst = await _store.ListMissingAsync(Model, 0, ids[0], 100, retryFailed: false, CancellationToken.None);

        Assert.Equal([ids[0], ids[2]], missing.Select(w => w.ImageId));
        Assert.Equal(Path.Combine(_folder, "1.png"), missing[0].Path);
        Assert.Equal(2, await _store.CountMissingAsync(Model, 0, retryFailed: false, CancellationToken.None));
        Assert.Equal(ids, otherModel.Select(w => w.ImageId));
        Assert.Equal([ids[2]], afterFirst.Select(w => w.ImageId));
    }

    [Fact]
    public async Task ListMissingAsync_VectorOfOlderPreprocessRevision_ListedAsStaleUntilReplaced()
    {
        var ids = new[] { AddImage("1.png"), AddImage("2.png") };
        await _store.SaveAsync(Model, 0, [new ImageEmbedding(ids[0], [1f, 0f]), new ImageEmbedding(ids[1], [0f, 1f])], VectorPrecision.Float16, CancellationToken.None);
        var seqBefore = Query($"SELECT seq FROM embeddings WHERE image_id = {ids[0]}");

        var staleBefore = _store.CountStale(Model, 1);
        var missingUnderOne = await _store.ListMissingAsync(Model, 1, 0, 100, retryFailed: false, CancellationToken.None);
        await _store.SaveAsync(Model, 1, [new ImageEmbedding(ids[0], [0.6f, 0.8f])], VectorPrecision.Float16, CancellationToken.None);
        var missingAfter = await _store.ListMissingAsync(Model, 1, 0, 100, retryFailed: false, CancellationToken.None);

        Assert.Equal(2, staleBefore);
        Assert.Equal(ids, missingUnderOne.Select(w => w.ImageId));
        Assert.Equal([ids[1]], missingAfter.Select(w => w.ImageId));
        Assert.Equal(1, await _store.CountMissingAsync(Model, 1, retryFailed: false, CancellationToken.None));
        Assert.Equal(1, _store.CountStale(Model, 1));
        Assert.Equal("1", Query($"SELECT preprocess FROM embeddings WHERE image_id = {ids[0]}"));
        Assert.NotEqual(seqBefore, Query($"SELECT seq FROM embeddings WHERE image_id = {ids[0]}"));
        Assert.Equal("2", Query("SELECT count(*) FROM embeddings"));
    }

    [Fact]
    public async Task RecordFailuresAsync_UnchangedFile_SkippedUntilRetriedOrChanged()
    {
        var ids = new[] { AddImage("1.png"), AddImage("2.png") };
        var path = Path.Combine(_folder, "2.png");

        await _store.RecordFailuresAsync([new EmbeddingFailure(ids[1], path, "cannot decode")], CancellationToken.None);
        var skipped = await _store.ListMissingAsync(Model, 0, 0, 100, retryFailed: false, CancellationToken.None);
        var skippedCount = await _store.CountMissingAsync(Model, 0, retryFailed: false, CancellationToken.None);
        var retried = await _store.ListMissingAsync(Model, 0, 0, 100, retryFailed: true, CancellationToken.None);
        var row = Query($"SELECT stage || '|' || reason FROM errors WHERE path = '{path}'");
        Execute($"UPDATE files SET mtime_ticks = mtime_ticks + 1 WHERE path = '{path}'");
        var changed = await _store.ListMissingAsync(Model, 0, 0, 100, retryFailed: false, CancellationToken.None);

        Assert.Equal([ids[0]], skipped.Select(w => w.ImageId));
        Assert.Equal(1, skippedCount);
        Assert.Equal(ids, retried.Select(w => w.ImageId));
        Assert.Equal("embed|cannot decode", row);
        Assert.Equal(ids, changed.Select(w => w.ImageId));
    }

    [Fact]
    public async Task SaveAsync_AfterRecordedFailure_ForgetsTheError()
    {
        var id = AddImage("1.png");
        await _store.RecordFailuresAsync([new EmbeddingFailure(id, Path.Combine(_folder, "1.png"), "io")], CancellationToken.None);
        var before = Query("SELECT count(*) FROM errors");

        await _store.SaveAsync(Model, 0, [new ImageEmbedding(id, [0.6f, 0.8f])], VectorPrecision.Float16, CancellationToken.None);

        Assert.Equal("1", before);
        Assert.Equal("0", Query("SELECT count(*) FROM errors"));
    }

    [Fact]
    public async Task RecordFailuresAsync_FileNoLongerCatalogued_RecordsNothing()
    {
        var id = AddImage("1.png");

        await _store.RecordFailuresAsync([new EmbeddingFailure(id, Path.Combine(_folder, "gone.png"), "io")], CancellationToken.None);

        Assert.Equal("0", Query("SELECT count(*) FROM errors"));
    }

    private long AddImage(string name)
    {
        using var connection = _database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO images (content_hash, format, width, height, byte_size, added_at) VALUES ($hash, 'png', 8, 8, 100, '2026-01-01') RETURNING id
            """;
        command.Parameters.AddWithValue("$hash", Guid.NewGuid().ToByteArray());
        var id = (long)command.ExecuteScalar()!;
        command.CommandText = "INSERT INTO files (path, image_id, size, mtime_ticks) VALUES ($path, $id, 100, 638000000000000000)";
        command.Parameters.AddWithValue("$path", Path.Combine(_folder, name));
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
        return id;
    }

    private string Query(string sql)
    {
        using var connection = _database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private void Execute(string sql)
    {
        using var connection = _database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
