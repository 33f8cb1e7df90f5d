using System.Threading.Channels;

namespace DrawingFromDiffusion.Core.Embeddings;

/// <summary>
/// The model stage alone, fed with inputs the scan prepared from its own decode: the same batching inference stage
/// and writer as <see cref="RunAsync"/>, without its reading and decoding. What it does not get to (a Ctrl+C, an
/// image the scan could not prepare) stays without a vector, and <see cref="RunAsync"/> catches up on it.
/// </summary>
public sealed partial class EmbeddingIndexer
{
    private IImageEmbedder Embedder => embedder;

    private IEmbeddingStore Store => store;

    public LiveEmbedding StartLive(EmbeddingOptions options) => new(this, options);

    public sealed class LiveEmbedding : IModelInputSink, IAsyncDisposable
    {
        private readonly EmbeddingIndexer _owner;
        private readonly Channel<Prepared> _prepared;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _inference;
        private readonly Task _writer;
        private int _embedded;

        internal LiveEmbedding(EmbeddingIndexer owner, EmbeddingOptions options)
        {
            _owner = owner;
            var batchSize = Math.Max(1, owner.Embedder.BatchSize);
            _prepared = Channel.CreateBounded<Prepared>(new BoundedChannelOptions(batchSize * 2) { SingleReader = true });
            var results = Channel.CreateBounded<IReadOnlyList<ImageEmbedding>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            _inference = Task.Factory.StartNew(
                () => owner.InferAsync(batchSize, _prepared.Reader, results.Writer, _stop.Token),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
            _writer = Task.Run(() => WriteAsync(options, results.Reader), CancellationToken.None);
            // A failed model or writer must not leave the scan waiting on a full queue.
            _ = Task.WhenAny(_inference, _writer).ContinueWith(StopOnFault, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        /// <summary>Images whose vector is committed so far.</summary>
        public int Embedded => Volatile.Read(ref _embedded);

        public async ValueTask AddAsync(long imageId, ImageTensor tensor, CancellationToken cancellationToken)
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            await _prepared.Writer.WriteAsync(new Prepared(imageId, tensor), both.Token).ConfigureAwait(false);
        }

        /// <summary>Embeds what was handed in and commits it; when <paramref name="cancellationToken"/> fires, stops at the next batch.</summary>
        /// <returns>the number of images embedded in all.</returns>
        public async Task<int> CompleteAsync(CancellationToken cancellationToken)
        {
            _prepared.Writer.TryComplete();
            using (cancellationToken.Register(() => _stop.Cancel()))
            {
                await Task.WhenAll(_inference, _writer).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }

            var failure = new[] { _inference, _writer }.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException);
            if (failure is not null)
            {
                throw failure;
            }

            return Embedded;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            _prepared.Writer.TryComplete();
            await Task.WhenAll(_inference, _writer).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            _stop.Dispose();
        }

        private void StopOnFault(Task<Task> first)
        {
            if (first.Result.IsFaulted)
            {
                _stop.Cancel();
            }
        }

        private async Task WriteAsync(EmbeddingOptions options, ChannelReader<IReadOnlyList<ImageEmbedding>> results)
        {
            var model = _owner.Embedder.Model;
            // As in RunAsync, a batch that reached the writer is committed whole.
            await foreach (var batch in results.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                await _owner.Store.SaveAsync(model.Id, model.PreprocessRevision, batch, options.Precision, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Add(ref _embedded, batch.Count);
            }
        }
    }
}
