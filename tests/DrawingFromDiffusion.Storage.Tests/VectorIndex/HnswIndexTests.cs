using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.VectorIndex;
using DrawingFromDiffusion.Storage.VectorIndex;
using DrawingFromDiffusion.Tests.Shared;

namespace DrawingFromDiffusion.Storage.Tests.VectorIndex;

public sealed class HnswIndexTests : IDisposable
{
    private const int Dimensions = 64;
    private const int Count = 4000;

    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-hnsw-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(VectorPrecision.Float32)]
    [InlineData(VectorPrecision.Float16)]
    public void Search_ClusteredData_RecallAt10AgainstExactAtLeast95Percent(VectorPrecision precision)
    {
        var data = ClusteredVectors.Generate(Count, Dimensions, clusters: 20, seed: 42);
        var queries = ClusteredVectors.Generate(100, Dimensions, clusters: 20, seed: 43);
        using var exact = new ExactIndex(Dimensions);
        using var hnsw = HnswIndex.Create(Dimensions, new HnswOptions { Precision = precision });
        var keys = Keys(Count);
        exact.AddRange(keys, data);
        hnsw.AddRange(keys, data);

        var recall = Recall(exact, hnsw, queries, 10);

        Assert.Equal(Count, hnsw.Count);
        Assert.True(recall >= 0.95, $"recall@10 = {recall:F3}");
    }

    [Fact]
    public void SaveLoad_RoundTrip_IdenticalResults()
    {
        var data = ClusteredVectors.Generate(Count, Dimensions, clusters: 20, seed: 1);
        var path = Path.Combine(_folder, "index.usearch");
        using var index = HnswIndex.Create(Dimensions);
        index.AddRange(Keys(Count), data);

        index.Save(path);
        using var loaded = HnswIndex.Load(path, Dimensions);

        Assert.Equal(index.Count, loaded.Count);
        for (var q = 0; q < 50; q++)
        {
            var query = data.AsSpan(q * 13 * Dimensions, Dimensions);
            Assert.Equal(index.Search(query, 10), loaded.Search(query, 10));
        }
    }

    [Fact]
    public void View_SavedFile_AnswersTheSameTopKAsTheLoadedIndex()
    {
        var data = ClusteredVectors.Generate(Count, Dimensions, clusters: 20, seed: 12);
        var path = Path.Combine(_folder, "viewed.usearch");
        using (var built = HnswIndex.Create(Dimensions))
        {
            built.AddRange(Keys(Count), data);
            built.Save(path);
        }

        using var loaded = HnswIndex.Load(path, Dimensions);
        using var viewed = HnswIndex.View(path, Dimensions);

        Assert.True(viewed.IsView);
        Assert.False(loaded.IsView);
        Assert.Equal(loaded.Count, viewed.Count);
        Span<float> stored = stackalloc float[Dimensions];
        Assert.True(viewed.TryGetVector(7, stored));
        for (var q = 0; q < 50; q++)
        {
            var query = data.AsSpan(q * 17 * Dimensions, Dimensions);
            Assert.Equal(loaded.Search(query, 10), viewed.Search(query, 10));
            Assert.Equal(loaded.Search(query, 10, key => key % 2 == 0), viewed.Search(query, 10, key => key % 2 == 0));
        }
    }

    [Fact]
    public void View_AddOrRemove_ThrowsAndLeavesTheFileAsItWas()
    {
        var data = ClusteredVectors.Generate(100, Dimensions, clusters: 4, seed: 13);
        var path = Path.Combine(_folder, "readonly.usearch");
        using (var built = HnswIndex.Create(Dimensions))
        {
            built.AddRange(Keys(100), data);
            built.Save(path);
        }

        var bytes = File.ReadAllBytes(path);
        using var viewed = HnswIndex.View(path, Dimensions);

        Assert.Throws<InvalidOperationException>(() => viewed.Add(1000, data.AsSpan(0, Dimensions)));
        Assert.Throws<InvalidOperationException>(() => viewed.AddRange([1001], data.AsSpan(0, Dimensions)));
        Assert.Throws<InvalidOperationException>(() => viewed.Remove(3));
        Assert.Equal(100, viewed.Count);
        Assert.True(viewed.Contains(3));
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void View_MissingFile_ThrowsVectorIndexException() =>
        Assert.Throws<VectorIndexException>(() => HnswIndex.View(Path.Combine(_folder, "absent.usearch"), Dimensions));

    [Fact]
    public void Load_CorruptFile_ThrowsVectorIndexException()
    {
        var path = Path.Combine(_folder, "corrupt.usearch");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31))]);

        Assert.Throws<VectorIndexException>(() => HnswIndex.Load(path, Dimensions));
    }

    [Fact]
    public void Load_OtherDimensions_ThrowsVectorIndexException()
    {
        var path = Path.Combine(_folder, "small.usearch");
        using (var index = HnswIndex.Create(8))
        {
            index.Add(1, [1, 0, 0, 0, 0, 0, 0, 0]);
            index.Save(path);
        }

        Assert.Throws<VectorIndexException>(() => HnswIndex.Load(path, Dimensions));
    }

    [Fact]
    public void Search_SelectiveFilter_ReturnsOnlyAcceptedKeys()
    {
        var data = ClusteredVectors.Generate(Count, Dimensions, clusters: 20, seed: 9);
        using var index = HnswIndex.Create(Dimensions);
        index.AddRange(Keys(Count), data);

        var hits = index.Search(data.AsSpan(0, Dimensions), 10, key => key % 10 == 3);

        Assert.Equal(10, hits.Count);
        Assert.All(hits, hit => Assert.Equal(3, hit.Key % 10));
    }

    [Fact]
    public void Search_FilterThrows_ThrowsVectorIndexExceptionWithCause()
    {
        using var index = HnswIndex.Create(2);
        index.Add(1, [1f, 0f]);

        var exception = Assert.Throws<VectorIndexException>(
            () => index.Search([1f, 0f], 1, _ => throw new InvalidOperationException("boom")));

        Assert.IsType<InvalidOperationException>(exception.InnerException);
    }

    [Fact]
    public void RemoveThenAdd_SameKey_ReplacesVector()
    {
        using var index = HnswIndex.Create(2, new HnswOptions { Precision = VectorPrecision.Float32 });
        index.Add(1, [1f, 0f]);
        index.Add(2, [0f, 1f]);

        Assert.True(index.Remove(1));
        Assert.False(index.Contains(1));
        index.Add(1, [0f, 1f]);
        index.Add(2, [1f, 0f]);

        Assert.Equal(2L, index.Count);
        Assert.Equal(2L, index.Search([1f, 0f], 1)[0].Key);
    }

    [Fact]
    public void Add_BeyondInitialCapacity_Grows()
    {
        var data = ClusteredVectors.Generate(3000, 8, clusters: 5, seed: 2);
        using var index = HnswIndex.Create(8);

        for (var i = 0; i < 3000; i++)
        {
            index.Add(i, data.AsSpan(i * 8, 8));
        }

        Assert.Equal(3000L, index.Count);
        Span<float> stored = stackalloc float[8];
        Assert.True(index.TryGetVector(2999, stored));
    }

    internal static long[] Keys(int count) => [.. Enumerable.Range(0, count).Select(i => (long)i)];

    internal static double Recall(IVectorIndex exact, IVectorIndex approximate, float[] queries, int k)
    {
        var found = 0;
        var total = 0;
        for (var q = 0; q < queries.Length / exact.Dimensions; q++)
        {
            var query = queries.AsSpan(q * exact.Dimensions, exact.Dimensions);
            var truth = exact.Search(query, k).Select(hit => hit.Key).ToHashSet();
            found += approximate.Search(query, k).Count(hit => truth.Contains(hit.Key));
            total += truth.Count;
        }

        return (double)found / total;
    }
}
