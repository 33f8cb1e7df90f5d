using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Imaging;

namespace DrawingFromDiffusion.Core.Tests.Embeddings;

public sealed class EmbeddingIndexerTests
{
    [Fact]
    public async Task RunAsync_SomeAlreadyEmbedded_EmbedsOnlyTheRestInBatches()
    {
        var folder = Directory.CreateTempSubdirectory("dfd-embed-").FullName;
        var store = new FakeStore();
        for (var i = 1; i <= 23; i++)
        {
            var path = Path.Combine(folder, $"{i}.bin");
            File.WriteAllBytes(path, [(byte)i]);
            store.Images[i] = path;
        }

        store.Saved[3] = [1f];
        var embedder = new FakeEmbedder(batchSize: 4);

        var summary = await new EmbeddingIndexer(store, embedder).RunAsync(new EmbeddingOptions { Workers = 3 }, null, CancellationToken.None);

        Assert.Equal(22, summary.Embedded);
        Assert.Equal(23, store.Saved.Count);
        Assert.Equal(1f, store.Saved[3][0]);
        Assert.Equal(1f, store.Saved[7][0]);
        Assert.All(embedder.BatchSizes, n => Assert.InRange(n, 1, 4));
        Assert.Equal(6, embedder.BatchSizes.Count);
    }

    [Fact]
    public async Task RunAsync_UndecodableFile_CountedAndOthersEmbedded()
    {
        var folder = Directory.CreateTempSubdirectory("dfd-embed-").FullName;
        var store = new FakeStore();
        for (var i = 1; i <= 5; i++)
        {
            var path = Path.Combine(folder, $"{i}.bin");
            File.WriteAllBytes(path, i == 2 ? [] : [(byte)i]);
            store.Images[i] = path;
        }

        var summary = await new EmbeddingIndexer(store, new FakeEmbedder(2)).RunAsync(new EmbeddingOptions { Workers = 2 }, null, CancellationToken.None);

        Assert.Equal(4, summary.Embedded);
        Assert.Equal(1, summary.Failed);
        Assert.Contains(summary.Failures, f => f.Path.EndsWith("2.bin", StringComparison.Ordinal));
        Assert.False(store.Saved.ContainsKey(2));
    }

    [Fact]
    public async Task RunAsync_FailedBefore_RecordedAndSkippedUntilRetry()
    {
        var folder = Directory.CreateTempSubdirectory("dfd-embed-").FullName;
        var store = new FakeStore();
        for (var i = 1; i <= 3; i++)
        {
            var path = Path.Combine(folder, $"{i}.bin");
            File.WriteAllBytes(path, i == 2 ? [] : [(byte)i]);
            store.Images[i] = path;
        }

        var indexer = new EmbeddingIndexer(store, new FakeEmbedder(2));
        var first = await indexer.RunAsync(new EmbeddingOptions { Workers = 2 }, null, CancellationToken.None);
        var second = await indexer.RunAsync(new EmbeddingOptions { Workers = 2 }, null, CancellationToken.None);
        var retried = await indexer.RunAsync(new EmbeddingOptions { Workers = 2, RetryFailed = true }, null, CancellationToken.None);

        Assert.Equal((2, 1), (first.Embedded, first.Failed));
        Assert.Equal("empty", store.Failed[2]);
        Assert.Equal((0, 0, 1), (second.Embedded, second.Failed, second.FailedUnchanged));
        Assert.Equal((0, 1, 0), (retried.Embedded, retried.Failed, retried.FailedUnchanged));
    }

    [Fact]
    public async Task StartLive_InputsHandedIn_EmbeddedInBatchesWithoutReadingAnyFile()
    {
        var store = new FakeStore();
        for (var i = 1; i <= 10; i++)
        {
            // Paths that do not exist: the live stage must not read files, only take the inputs it is given.
            store.Images[i] = $"/nonexistent/{i}.bin";
        }

        var embedder = new FakeEmbedder(batchSize: 4);
        var indexer = new EmbeddingIndexer(store, embedder);
        await using var live = indexer.StartLive(new EmbeddingOptions());
        for (var i = 1; i <= 7; i++)
        {
            await live.AddAsync(i, new ImageTensor([i]), CancellationToken.None);
        }

        var embedded = await live.CompleteAsync(CancellationToken.None);
        var catchUp = await indexer.RunAsync(new EmbeddingOptions { Workers = 2 }, null, CancellationToken.None);

        Assert.Equal(7, embedded);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), store.Saved.Keys.Where(k => k <= 7).Order());
        Assert.All(embedder.BatchSizes.Take(2), n => Assert.InRange(n, 1, 4));
        Assert.Equal((0, 3), (catchUp.Embedded, catchUp.Failed));
    }

    private sealed class FakeStore : IEmbeddingStore
    {
        public SortedDictionary<long, string> Images { get; } = [];

        public Dictionary<long, float[]> Saved { get; } = [];

        public Task<IReadOnlyList<EmbeddingWork>> ListMissingAsync(string modelId, int preprocessRevision, long afterImageId, int limit, bool retryFailed, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<EmbeddingWork>>(Images.Where(p => p.Key > afterImageId && !Saved.ContainsKey(p.Key) && (retryFailed || !Failed.ContainsKey(p.Key))).Take(limit).Select(p => new EmbeddingWork(p.Key, p.Value)).ToList());

        public Dictionary<long, string> Failed { get; } = [];

        public Task<int> CountMissingAsync(string modelId, int preprocessRevision, bool retryFailed, CancellationToken cancellationToken) =>
            Task.FromResult(Images.Keys.Count(k => !Saved.ContainsKey(k) && (retryFailed || !Failed.ContainsKey(k))));

        public Task RecordFailuresAsync(IReadOnlyList<EmbeddingFailure> failures, CancellationToken cancellationToken)
        {
            foreach (var f in failures)
            {
                Failed[f.ImageId] = f.Reason;
            }

            return Task.CompletedTask;
        }

        public Task SaveAsync(string modelId, int preprocessRevision, IReadOnlyList<ImageEmbedding> vectors, VectorPrecision precision, CancellationToken cancellationToken)
        {
            foreach (var v in vectors)
            {
                Saved[v.ImageId] = v.Vector;
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Reads one byte b and returns the unit vector [1] scaled by b/b; empty files are rejected.</summary>
    private sealed class FakeEmbedder(int batchSize) : IImageEmbedder
    {
        public List<int> BatchSizes { get; } = [];

        public EmbeddingModelInfo Model { get; } = new("fake", 1, true, false, "fake");

        public int BatchSize { get; } = batchSize;

        public ImageTensor Prepare(Stream content, long maxPixels)
        {
            var b = content.ReadByte();
            return b < 0 ? throw new ImageRejectedException("empty") : new ImageTensor([b]);
        }

        public float[][] Embed(IReadOnlyList<ImageTensor> batch)
        {
            lock (BatchSizes)
            {
                BatchSizes.Add(batch.Count);
            }

            return batch.Select(t => new[] { t.Data[0] / t.Data[0] }).ToArray();
        }

        public void Dispose()
        {
        }
    }
}
