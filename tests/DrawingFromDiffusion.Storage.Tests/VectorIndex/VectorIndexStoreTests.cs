using DrawingFromDiffusion.Tests.Shared;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Core.VectorIndex;
using DrawingFromDiffusion.Storage.VectorIndex;

namespace DrawingFromDiffusion.Storage.Tests.VectorIndex;

public sealed class VectorIndexStoreTests : IDisposable
{
    private const int Dimensions = 48;
    private const int Count = 1500;

    private static readonly VectorIndexOptions Options = new() { ExactThreshold = 500, BatchSize = 256 };

    private readonly EmbeddingCatalog _catalog = new();

    public void Dispose() => _catalog.Dispose();

    [Fact]
    public async Task OpenAsync_FewVectors_SearchesExactlyWithoutAFile()
    {
        var data = ClusteredVectors.Generate(200, Dimensions, clusters: 4, seed: 1);
        var ids = _catalog.AddImages(data, Dimensions);

        using var store = await Open();

        Assert.True(store.IsExact);
        Assert.Equal(IndexOpenAction.Exact, store.LastReport.Action);
        Assert.False(File.Exists(store.IndexPath));
        Assert.Equal(ids[7], store.Search(data.AsSpan(7 * Dimensions, Dimensions), 1)[0].Key);
    }

    [Fact]
    public async Task OpenAsync_NoFile_BuildsFromCatalogWithProgressAndSavesHeader()
    {
        var data = ClusteredVectors.Generate(Count, Dimensions, clusters: 10, seed: 2);
        _catalog.AddImages(data, Dimensions, half: true);
        var reports = new List<StageProgress>();

        using var store = await Open(new SynchronousProgress(reports.Add));

        Assert.False(store.IsExact);
        Assert.Equal(IndexOpenAction.Rebuilt, store.LastReport.Action);
        Assert.Equal("no index file", store.LastReport.Reason);
        Assert.Equal(Count, store.Count);
        Assert.Equal(Count, reports.Last(r => r.Stage == "vector index: building").Done);
        Assert.Equal("vector index: saving", reports[^1].Stage);
        Assert.True(File.Exists(store.IndexPath));
        Assert.EndsWith("catalog.test-clip.usearch", store.IndexPath);
        var header = File.ReadAllText(store.HeaderPath);
        Assert.Contains("\"HighWaterMark\": " + store.HighWaterMark, header);
        Assert.Contains("\"ModelId\": \"test-clip\"", header);
    }

    [Fact]
    public async Task OpenAsync_SavedIndex_LoadsWithIdenticalResults()
    {
        var data = ClusteredVectors.Generate(Count, Dimensions, clusters: 10, seed: 3);
        _catalog.AddImages(data, Dimensions);
        var queries = ClusteredVectors.Generate(30, Dimensions, clusters: 10, seed: 4);
        List<IReadOnlyList<VectorHit>> before;
        using (var first = await Open())
        {
            before = [.. Enumerable.Range(0, 30).Select(q => first.Search(queries.AsSpan(q * Dimensions, Dimensions), 10))];
        }

        using var second = await Open();

        Assert.Equal(IndexOpenAction.Loaded, second.LastReport.Action);
        Assert.Equal(0, second.LastReport.Appended);
        for (var q = 0; q < 30; q++)
        {
            Assert.Equal(before[q], second.Search(queries.AsSpan(q * Dimensions, Dimensions), 10));
        }
    }

    [Fact]
    public async Task OpenAsync_ViewFile_MapsTheSavedFileWithTheSameResults()
    {
        var data = ClusteredVectors.Generate(Count, Dimensions, clusters: 10, seed: 14);
        var ids = _catalog.AddImages(data, Dimensions);
        var queries = ClusteredVectors.Generate(30, Dimensions, clusters: 10, seed: 15);
        using var loaded = await Open();
        var deleted = ids[7];
        _catalog.DeleteImages([deleted]);
        await loaded.RefreshAsync(null, CancellationToken.None);

        using var viewed = await Open(viewFile: true);

        Assert.Equal(IndexOpenAction.Loaded, viewed.LastReport.Action);
        Assert.Equal(loaded.Count, viewed.Count);
        Assert.False(viewed.Contains(deleted));
        for (var q = 0; q < 30; q++)
        {
            var query = queries.AsSpan(q * Dimensions, Dimensions);
            Assert.Equal(loaded.Search(query, 10), viewed.Search(query, 10));
        }

        Assert.DoesNotContain(viewed.Search(data.AsSpan(7 * Dimensions, Dimensions), 10), hit => hit.Key == deleted);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenAsync_UnchangedCatalog_FiltersAndHidesImagesDeletedLater(bool viewFile)
    {
        var data = ClusteredVectors.Generate(Count, Dimensions, clusters: 10, seed: 17);
        var ids = _catalog.AddImages(data, Dimensions);
        (await Open()).Dispose();
        using var store = await Open(viewFile: viewFile);
        using var exact = new ExactIndex(Dimensions);
        exact.AddRange(ids, data);
        var allowed = ids.Where((_, i) => i % 97 == 3).ToHashSet();
        var query = data[..Dimensions];

        Assert.Equal(0, store.LastReport.Appended);
        Assert.Equal(exact.Search(query, 10, allowed.Contains).Select(hit => hit.Key), store.Search(query, 10, allowed.Contains).Select(hit => hit.Key));
        _catalog.DeleteImages([ids[0]]);
        await store.RefreshAsync(null, CancellationToken.None);

        Assert.Equal(Count - 1, store.Count);
        Assert.False(store.Contains(ids[0]));
        Assert.DoesNotContain(store.Search(query, 10), hit => hit.Key == ids[0]);
    }

    [Fact]
    public async Task OpenAsync_ViewFileWithRowsAddedSinceSave_LoadsItAndAppendsThem()
    {
        var data = ClusteredVectors.Generate(Count + 50, Dimensions, clusters: 10, seed: 16);
        _catalog.AddImages(data[..(Count * Dimensions)], Dimensions);
        (await Open()).Dispose();
        var added = _catalog.AddImages(data[(Count * Dimensions)..], Dimensions);

        using var store = await Open(viewFile: true);
        using var reopened = await Open(viewFile: true);

        Assert.Equal(50, store.LastReport.Appended);
        Assert.Equal(Count + 50, store.Count);
        Assert.Equal(added[9], store.Search(data.AsSpan((Count + 9) * Dimensions, Dimensions), 1)[0].Key);
        store.Add(added[9] + 1000, data.AsSpan(0, Dimensions));
        Assert.True(store.Contains(added[9] + 1000));
        Assert.Equal(0, reopened.LastReport.Appended);
        Assert.Equal(Count + 50, reopened.Count);
        Assert.Throws<InvalidOperationException>(() => reopened.Add(added[9] + 1000, data.AsSpan(0, Dimensions)));
    }

    [Fact]
    public async Task OpenAsync_RowsAddedSinceSave_AppendsThem()
    {
        var data = ClusteredVectors.Generate(Count + 100, Dimensions, clusters: 10, seed: 5);
        _catalog.AddImages(data[..(Count * Dimensions)], Dimensions);
        (await Open()).Dispose();
        var added = _catalog.AddImages(data[(Count * Dimensions)..], Dimensions);

        using var store = await Open();

        Assert.Equal(IndexOpenAction.Loaded, store.LastReport.Action);
        Assert.Equal(100, store.LastReport.Appended);
        Assert.Equal(Count + 100, store.Count);
        Assert.Equal(added[42], store.Search(data.AsSpan((Count + 42) * Dimensions, Dimensions), 1)[0].Key);
    }

    [Fact]
    public async Task OpenAsync_NewestImageDeletedAndItsIdReused_IndexesTheNewVector()
    {
        var data = ClusteredVectors.Generate(Count + 1, Dimensions, clusters: 10, seed: 6);
        var ids = _catalog.AddImages(data[..(Count * Dimensions)], Dimensions);
        (await Open()).Dispose();
        _catalog.DeleteImages([ids[^1]]);
        var replacement = _catalog.AddImages(data[(Count * Dimensions)..], Dimensions)[0];

        using var store = await Open();

        Assert.Equal(replacement, store.Search(data.AsSpan(Count * Dimensions, Dimensions), 1)[0].Key);
        Assert.DoesNotContain(store.Search(data.AsSpan((Count - 1) * Dimensions, Dimensions), 20), hit => hit.Key == ids[^1]);
    }

    [Theory]
    [InlineData("truncate")]
    [InlineData("garbage")]
    [InlineData("header")]
    public async Task OpenAsync_CorruptOrMismatchedFile_Rebuilds(string damage)
    {
        var data = ClusteredVectors.Generate(Count, Dimensions, clusters: 10, seed: 7);
        var ids = _catalog.AddImages(data, Dimensions);
        string indexPath;
        using (var first = await Open())
        {
            indexPath = first.IndexPath;
        }

        switch (damage)
        {
            case "truncate":
                using (var stream = File.Open(indexPath, FileMode.Open))
                {
                    stream.SetLength(stream.Length / 2);
                }

                break;
            case "garbage":
                using (var stream = File.Open(indexPath, FileMode.Open))
                {
                    stream.Write(Enumerable.Repeat((byte)0xA5, 256).ToArray());
                }

                break;
            default:
                var headerPath = indexPath + ".header.json";
                File.WriteAllText(headerPath, File.ReadAllText(headerPath).Replace($"\"Dimensions\": {Dimensions}", "\"Dimensions\": 512"));
                break;
        }

        using var store = await Open();

        Assert.Equal(IndexOpenAction.Rebuilt, store.LastReport.Action);
        Assert.Equal(Count, store.Count);
        Assert.Equal(ids[9], store.Search(data.AsSpan(9 * Dimensions, Dimensions), 1)[0].Key);
    }

    [Fact]
    public async Task Search_ImagesDeletedAfterOpen_NeverReturnedAfterRefresh()
    {
        var data = ClusteredVectors.Generate(Count, Dimensions, clusters: 10, seed: 8);
        var ids = _catalog.AddImages(data, Dimensions);
        using var store = await Open();
        var deleted = ids.Where((_, i) => i % 25 == 0).ToHashSet();
        _catalog.DeleteImages(deleted);

        await store.RefreshAsync(null, CancellationToken.None);

        Assert.Equal(Count - deleted.Count, store.Count);
        for (var row = 0; row < Count; row += 25)
        {
            var hits = store.Search(data.AsSpan(row * Dimensions, Dimensions), 10);
            Assert.Equal(10, hits.Count);
            Assert.DoesNotContain(hits, hit => deleted.Contains(hit.Key));
        }
    }

    [Fact]
    public async Task OpenAsync_ManyImagesDeleted_CompactsByRebuilding()
    {
        var data = ClusteredVectors.Generate(Count, Dimensions, clusters: 10, seed: 9);
        var ids = _catalog.AddImages(data, Dimensions);
        (await Open()).Dispose();
        var deleted = ids.Where((_, i) => i % 3 == 0).ToHashSet();
        _catalog.DeleteImages(deleted);

        using var store = await Open();

        Assert.Equal(IndexOpenAction.Rebuilt, store.LastReport.Action);
        Assert.Contains("deleted images", store.LastReport.Reason);
        Assert.Equal(Count - deleted.Count, store.Count);
        Assert.DoesNotContain(store.Search(data.AsSpan(0, Dimensions), 50), hit => deleted.Contains(hit.Key));
    }

    [Fact]
    public async Task Search_SelectiveFilter_StillReturnsKWhenKExist()
    {
        var data = ClusteredVectors.Generate(Count, Dimensions, clusters: 10, seed: 10);
        var ids = _catalog.AddImages(data, Dimensions);
        using var store = await Open();
        using var exact = new ExactIndex(Dimensions);
        exact.AddRange(ids, data);
        var allowed = ids.Where((_, i) => i % 101 == 5).ToHashSet();

        var query = data.AsSpan(0, Dimensions);
        var hits = store.Search(query, 10, allowed.Contains);

        Assert.Equal(10, hits.Count);
        Assert.Equal(exact.Search(query, 10, allowed.Contains).Select(hit => hit.Key), hits.Select(hit => hit.Key));
    }

    [Fact]
    public async Task ReadStoredVector_CataloguedImage_ReturnsItsVector()
    {
        var data = ClusteredVectors.Generate(10, Dimensions, clusters: 2, seed: 11);
        var ids = _catalog.AddImages(data, Dimensions, half: true);
        using var store = await Open();

        var vector = store.ReadStoredVector(ids[3]);

        Assert.NotNull(vector);
        Assert.Equal(data[(3 * Dimensions)..(4 * Dimensions)], vector, new ToleranceComparer(1e-3f));
        Assert.Null(store.ReadStoredVector(-1));
    }

    private Task<VectorIndexStore> Open(IProgress<StageProgress>? progress = null, bool viewFile = false) =>
        VectorIndexStore.OpenAsync(_catalog.Database, EmbeddingCatalog.Model, Dimensions, Options with { ViewFile = viewFile }, progress, CancellationToken.None);

    private sealed class SynchronousProgress(Action<StageProgress> report) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => report(value);
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
