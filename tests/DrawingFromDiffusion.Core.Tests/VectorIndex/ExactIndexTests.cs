using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.VectorIndex;
using DrawingFromDiffusion.Tests.Shared;

namespace DrawingFromDiffusion.Core.Tests.VectorIndex;

public sealed class ExactIndexTests
{
    private const int Dimensions = 32;

    [Fact]
    public void Search_HandBuiltVectors_ReturnsClosestFirstWithCosineDistance()
    {
        using var index = new ExactIndex(2);
        index.Add(1, [1f, 0f]);
        index.Add(2, [0f, 1f]);
        index.Add(3, [MathF.Sqrt(0.5f), MathF.Sqrt(0.5f)]);

        var hits = index.Search([1f, 0f], 2);

        Assert.Equal([1L, 3L], hits.Select(hit => hit.Key));
        Assert.Equal(0f, hits[0].Distance, 1e-6f);
        Assert.Equal(1f - MathF.Sqrt(0.5f), hits[1].Distance, 1e-6f);
        Assert.Equal(MathF.Sqrt(0.5f), hits[1].Similarity, 1e-6f);
    }

    [Fact]
    public void Search_WithFilter_ReturnsOnlyAcceptedKeysAndStillK()
    {
        var data = ClusteredVectors.Generate(500, Dimensions, 5, seed: 7);
        using var index = Build(data, VectorPrecision.Float32);

        var hits = index.Search(data.AsSpan(0, Dimensions), 10, key => key % 7 == 0);

        Assert.Equal(10, hits.Count);
        Assert.All(hits, hit => Assert.Equal(0, hit.Key % 7));
        Assert.True(hits.Zip(hits.Skip(1)).All(pair => pair.First.Distance <= pair.Second.Distance));
    }

    [Fact]
    public void Add_ExistingKey_ReplacesVector()
    {
        using var index = new ExactIndex(2);
        index.Add(5, [1f, 0f]);
        index.Add(5, [0f, 1f]);

        Span<float> stored = stackalloc float[2];
        Assert.True(index.TryGetVector(5, stored));
        Assert.Equal(1L, index.Count);
        Assert.Equal(1f, stored[1]);
    }

    [Fact]
    public void Remove_MiddleKey_OthersStayFindable()
    {
        var data = ClusteredVectors.Generate(100, Dimensions, 3, seed: 3);
        using var index = Build(data, VectorPrecision.Float32);

        Assert.True(index.Remove(50));
        Assert.False(index.Remove(50));

        Assert.Equal(99L, index.Count);
        Assert.DoesNotContain(index.Search(data.AsSpan(50 * Dimensions, Dimensions), 100), hit => hit.Key == 50);
        Assert.Equal(99L, index.Search(data.AsSpan(99 * Dimensions, Dimensions), 1)[0].Key);
    }

    [Fact]
    public void Search_Float16Storage_MatchesFloat32Ranking()
    {
        var data = ClusteredVectors.Generate(1000, Dimensions, 10, seed: 11);
        using var single = Build(data, VectorPrecision.Float32);
        using var half = Build(data, VectorPrecision.Float16);

        var overlap = 0;
        for (var q = 0; q < 20; q++)
        {
            var query = data.AsSpan(q * 37 * Dimensions, Dimensions);
            var expected = single.Search(query, 10).Select(hit => hit.Key).ToHashSet();
            overlap += half.Search(query, 10).Count(hit => expected.Contains(hit.Key));
        }

        Assert.True(overlap >= 190, $"float16 kept {overlap}/200 of the float32 top-10s");
    }

    [Fact]
    public void WriteToReadFrom_RoundTrip_IdenticalResults()
    {
        var data = ClusteredVectors.Generate(300, Dimensions, 4, seed: 5);
        using var index = Build(data, VectorPrecision.Float16);
        using var stream = new MemoryStream();

        index.WriteTo(stream);
        stream.Position = 0;
        using var loaded = ExactIndex.ReadFrom(stream);

        var query = data.AsSpan(10 * Dimensions, Dimensions);
        Assert.Equal(index.Search(query, 10), loaded.Search(query, 10));
        Assert.Equal(VectorPrecision.Float16, loaded.Precision);
    }

    [Fact]
    public void ReadFrom_TruncatedStream_ThrowsVectorIndexException()
    {
        var data = ClusteredVectors.Generate(50, Dimensions, 2, seed: 1);
        using var index = Build(data, VectorPrecision.Float32);
        using var stream = new MemoryStream();
        index.WriteTo(stream);

        using var truncated = new MemoryStream(stream.ToArray()[..^10]);

        Assert.Throws<VectorIndexException>(() => ExactIndex.ReadFrom(truncated));
    }

    private static ExactIndex Build(float[] data, VectorPrecision precision)
    {
        var index = new ExactIndex(Dimensions, precision);
        var keys = Enumerable.Range(0, data.Length / Dimensions).Select(i => (long)i).ToArray();
        index.AddRange(keys, data);
        return index;
    }
}
