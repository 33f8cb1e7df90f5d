using System.Runtime.InteropServices;
using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>The embedding pass of `dfd index`, run as the real process with the tiny CLIP pack installed in a temp DFD_MODELS.</summary>
public sealed class EmbeddingIndexTests : IDisposable
{
    private const string TinyClip = "tiny-clip";
    private const int TinyDims = 32;
    private readonly TempFolder _temp = new();
    private readonly Dictionary<string, string> _environment;

    public EmbeddingIndexTests()
    {
        _environment = new Dictionary<string, string> { ["DFD_MODELS"] = _temp.Combine("models") };
    }

    private string Library => _temp.Combine("library");

    private string Db => _temp.Combine("catalog.db");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Index_TinyClip_OneNormalisedF16VectorPerImageAndRerunEmbedsNothing()
    {
        await InstallTinyClipAsync();
        WriteImages(4);

        var first = await IndexAsync("--model", TinyClip);
        var seqAfterFirst = Catalogs.Scalar(Db, "SELECT max(seq) FROM embeddings");
        var rerun = await IndexAsync("--model", TinyClip);

        Assert.Equal(4, first.GetProperty("embedding").GetProperty("embedded").GetInt32());
        Assert.Equal(0, first.GetProperty("embedding").GetProperty("failed").GetInt32());
        var vectors = Vectors(TinyClip);
        Assert.Equal(4, vectors.Count);
        Assert.Equal(4, Catalogs.Scalar(Db, "SELECT count(DISTINCT image_id) FROM embeddings"));
        Assert.All(vectors, v =>
        {
            Assert.Equal(("f16", TinyDims, TinyDims * 2), (v.Dtype, v.Dims, v.Blob.Length));
            var values = MemoryMarshal.Cast<byte, Half>(v.Blob).ToArray().Select(h => (double)h).ToArray();
            Assert.InRange(Math.Sqrt(values.Sum(x => x * x)), 0.995, 1.005);
        });
        Assert.Equal(0, rerun.GetProperty("embedding").GetProperty("embedded").GetInt32());
        Assert.Equal(seqAfterFirst, Catalogs.Scalar(Db, "SELECT max(seq) FROM embeddings"));
    }

    [Fact]
    public async Task Index_NoEmbedThenTwoModels_EachAddedWithoutRescanning()
    {
        await InstallTinyClipAsync();
        WriteImages(3);

        var catalogOnly = await IndexAsync("--no-embed");
        var noVectors = Catalogs.Scalar(Db, "SELECT count(*) FROM embeddings");
        var tiny = await IndexAsync("--model", TinyClip);
        var tinySeq = Catalogs.Scalar(Db, $"SELECT max(seq) FROM embeddings WHERE model_id = '{TinyClip}'");
        var resnet = await IndexAsync("--model", "resnet18-imagenet");

        Assert.Equal(3, catalogOnly.GetProperty("added").GetInt32());
        Assert.False(catalogOnly.TryGetProperty("embedding", out _));
        Assert.Equal(0, noVectors);
        foreach (var run in new[] { tiny, resnet })
        {
            Assert.Equal((0, 3), (run.GetProperty("added").GetInt32(), run.GetProperty("unchanged").GetInt32()));
            Assert.Equal(3, run.GetProperty("embedding").GetProperty("embedded").GetInt32());
        }

        Assert.Equal(3, Catalogs.Scalar(Db, $"SELECT count(*) FROM embeddings WHERE model_id = '{TinyClip}' AND dims = {TinyDims}"));
        Assert.Equal(3, Catalogs.Scalar(Db, "SELECT count(*) FROM embeddings WHERE model_id = 'resnet18-imagenet' AND dims = 512"));
        Assert.Equal(tinySeq, Catalogs.Scalar(Db, $"SELECT max(seq) FROM embeddings WHERE model_id = '{TinyClip}'"));
    }

    [Fact]
    public async Task Index_KilledDuringEmbedding_RerunEmbedsEveryImageOnce()
    {
        const int images = 60;
        WriteImages(images);
        await IndexAsync("--no-embed");

        // ResNet18 one image per call on one thread: slow enough to be caught mid-pass.
        using (var child = DfdProcess.StartWith(_environment, "index", Library, "--db", Db, "--model", "resnet18-imagenet", "--device", "cpu", "--threads", "1", "--workers", "1", "--batch-size", "1"))
        {
            var committed = await Catalogs.WaitForCountAsync(Db, child, "SELECT count(*) FROM embeddings", atLeast: 3);
            Assert.False(child.HasExited, $"dfd finished before it could be killed ({committed} vectors committed): make the corpus bigger");
            child.Kill(); // SIGKILL on Unix
            await child.WaitForExitAsync();
        }

        Assert.Equal("ok", Catalogs.IntegrityCheck(Db));
        var before = Catalogs.Scalar(Db, "SELECT count(*) FROM embeddings");
        Assert.InRange(before, 3, images - 1);

        var rerun = await IndexAsync("--model", "resnet18-imagenet");

        Assert.Equal(images - before, rerun.GetProperty("embedding").GetProperty("embedded").GetInt32());
        Assert.Equal(images, Catalogs.Scalar(Db, "SELECT count(*) FROM embeddings WHERE model_id = 'resnet18-imagenet'"));
        Assert.Equal(images, Catalogs.Scalar(Db, "SELECT count(DISTINCT image_id) FROM embeddings"));
        Assert.Equal(0, Catalogs.Scalar(Db, "SELECT count(*) FROM images WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.image_id = images.id)"));
        Assert.Equal("ok", Catalogs.IntegrityCheck(Db));
    }

    [Fact]
    public async Task Index_CorruptFile_DecodeErrorRecordedAndOthersEmbedded()
    {
        await InstallTinyClipAsync();
        WriteImages(3);
        var corrupt = _temp.Write("library/broken.png", [.. TestImages.Png(64, 64, seed: 99).Take(40), .. new byte[200]]);

        var run = await IndexAsync("--model", TinyClip);

        Assert.Equal(1, run.GetProperty("failed").GetInt32());
        Assert.Equal(3, run.GetProperty("embedding").GetProperty("embedded").GetInt32());
        Assert.Equal(1, Catalogs.Scalar(Db, $"SELECT count(*) FROM errors WHERE path = '{corrupt}' AND stage IN ('decode', 'embed')"));
        Assert.Equal(3, Catalogs.Scalar(Db, "SELECT count(*) FROM embeddings"));
    }

    [Fact]
    public async Task Index_FileUnembeddableAfterScan_EmbedErrorKeptUntilFileChanges()
    {
        await InstallTinyClipAsync();
        var paths = WriteImages(3);
        await IndexAsync("--no-embed");
        // Same size and mtime, bytes no decoder takes: the scan sees it unchanged, the embedder cannot read it.
        var victim = paths[1];
        var stamp = File.GetLastWriteTimeUtc(victim);
        File.WriteAllBytes(victim, new byte[new FileInfo(victim).Length]);
        File.SetLastWriteTimeUtc(victim, stamp);

        var first = await IndexAsync("--model", TinyClip);
        var recorded = Catalogs.Scalar(Db, $"SELECT count(*) FROM errors WHERE path = '{victim}' AND stage = 'embed' AND reason <> ''");
        var again = await IndexAsync("--model", TinyClip);
        var retried = await IndexAsync("--model", TinyClip, "--retry-errors");
        File.WriteAllBytes(victim, TestImages.Png(80, 60, seed: 7));
        File.SetLastWriteTimeUtc(victim, stamp.AddMinutes(1));
        var changed = await IndexAsync("--model", TinyClip);

        Assert.Equal((0, 3), (first.GetProperty("failed").GetInt32(), first.GetProperty("unchanged").GetInt32()));
        Assert.Equal((2, 1), Embedding(first));
        Assert.Equal(1, recorded);
        Assert.Equal((0, 0), (again.GetProperty("failed").GetInt32(), again.GetProperty("failed_unchanged").GetInt32()));
        Assert.Equal((0, 0), Embedding(again));
        Assert.Equal(1, again.GetProperty("embedding").GetProperty("failed_unchanged").GetInt32());
        Assert.Equal((0, 1), Embedding(retried));
        Assert.Equal(1, changed.GetProperty("updated").GetInt32());
        Assert.Equal((1, 0), Embedding(changed));
        Assert.Equal(0, Catalogs.Scalar(Db, "SELECT count(*) FROM errors"));
        Assert.Equal(3, Catalogs.Scalar(Db, $"SELECT count(*) FROM embeddings WHERE model_id = '{TinyClip}'"));
    }

    [Fact]
    public async Task Index_ResNetVectorsOfAnOlderPreprocessRevision_ReembeddedOnceAndSaidOnStderr()
    {
        WriteImages(3);
        await IndexAsync("--model", "resnet18-imagenet");
        var marked = Catalogs.Scalar(Db, "UPDATE embeddings SET preprocess = 0; SELECT changes()");
        var seqBefore = Catalogs.Scalar(Db, "SELECT max(seq) FROM embeddings");

        var stale = await DfdProcess.RunWithAsync(_environment, "index", Library, "--db", Db, "--device", "cpu", "--json", "--model", "resnet18-imagenet");
        var again = await DfdProcess.RunWithAsync(_environment, "index", Library, "--db", Db, "--device", "cpu", "--json", "--model", "resnet18-imagenet");

        Assert.Equal(3, marked);
        Assert.True(stale.ExitCode == 0, stale.ToString());
        Assert.Contains("3 resnet18-imagenet vectors were made with an older preprocessing", stale.Stderr, StringComparison.Ordinal);
        Assert.Equal((3, 0), Embedding(JsonDocument.Parse(stale.Stdout).RootElement));
        Assert.Equal(3, Catalogs.Scalar(Db, "SELECT count(*) FROM embeddings WHERE preprocess = 1"));
        Assert.Equal(3, Catalogs.Scalar(Db, $"SELECT count(*) FROM embeddings WHERE seq > {seqBefore}"));
        Assert.DoesNotContain("older preprocessing", again.Stderr, StringComparison.Ordinal);
        Assert.Equal((0, 0), Embedding(JsonDocument.Parse(again.Stdout).RootElement));
    }

    [Fact]
    public async Task Index_OneDecodeRunAndCatchUpRun_SameVectorsPerFile()
    {
        await InstallTinyClipAsync();
        WriteImages(6);
        _temp.Write("library/rotated.jpg", TestImages.JpegWithOrientation(700, 560, seed: 9, orientation: 6));
        var catchUpDb = _temp.Combine("catch-up.db");

        var oneDecode = await IndexAsync("--model", TinyClip);
        var catalogOnly = await DfdProcess.RunWithAsync(_environment, "index", Library, "--db", catchUpDb, "--device", "cpu", "--json", "--no-embed");
        var catchUp = await DfdProcess.RunWithAsync(_environment, "index", Library, "--db", catchUpDb, "--device", "cpu", "--json", "--model", TinyClip);

        Assert.True(catalogOnly.ExitCode == 0 && catchUp.ExitCode == 0, catalogOnly.ToString() + catchUp);
        Assert.Equal((7, 0), Embedding(oneDecode));
        Assert.Equal((7, 0), Embedding(JsonDocument.Parse(catchUp.Stdout).RootElement));
        var live = VectorsByPath(Db);
        var caughtUp = VectorsByPath(catchUpDb);
        Assert.Equal(7, live.Count);
        Assert.Equal(live.Keys.Order(StringComparer.Ordinal), caughtUp.Keys.Order(StringComparer.Ordinal));
        Assert.All(live, pair => Assert.Equal(caughtUp[pair.Key], pair.Value));
        // The catalog's own facts do not depend on whether a model ran during the scan.
        Assert.Equal(Facts(catchUpDb), Facts(Db));
    }

    private static Dictionary<string, byte[]> VectorsByPath(string db) =>
        Rows(db, $"SELECT f.path, e.vector FROM embeddings e JOIN files f ON f.image_id = e.image_id WHERE e.model_id = '{TinyClip}'")
            .ToDictionary(r => (string)r[0], r => (byte[])r[1], StringComparer.Ordinal);

    private static List<string> Facts(string db) =>
        Rows(db, "SELECT f.path, i.width, i.height, i.phash, i.dhash, hex(t.webp) FROM files f JOIN images i ON i.id = f.image_id JOIN thumbnails t ON t.image_id = i.id ORDER BY f.path")
            .Select(r => string.Join(':', r)).ToList();

    private static List<object[]> Rows(string db, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    private static (int Embedded, int Failed) Embedding(JsonElement run)
    {
        var e = run.GetProperty("embedding");
        return (e.GetProperty("embedded").GetInt32(), e.GetProperty("failed").GetInt32());
    }

    private async Task InstallTinyClipAsync()
    {
        var add = await DfdProcess.RunWithAsync(_environment, "models", "add", Path.Combine(AppContext.BaseDirectory, "TestData", TinyClip));
        Assert.True(add.ExitCode == 0, add.ToString());
    }

    private string[] WriteImages(int count) =>
        Enumerable.Range(0, count)
            .Select(i => _temp.Write($"library/img{i:00}.{(i % 2 == 0 ? "png" : "jpg")}", i % 2 == 0 ? TestImages.Png(96, 72, seed: i) : TestImages.Jpeg(80, 96, seed: i)))
            .ToArray();

    private async Task<JsonElement> IndexAsync(params string[] extra)
    {
        var result = await DfdProcess.RunWithAsync(_environment, ["index", Library, "--db", Db, "--device", "cpu", "--json", .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    private List<(string Dtype, long Dims, byte[] Blob)> Vectors(string model)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT dtype, dims, vector FROM embeddings WHERE model_id = $model";
        command.Parameters.AddWithValue("$model", model);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, byte[])>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), (byte[])reader[2]));
        }

        return rows;
    }
}
