using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using DrawingFromDiffusion.Core.Imaging;

namespace DrawingFromDiffusion.Core.Embeddings;

/// <summary>
/// Gives every catalogued image a vector for one model: read + decode + preprocess on N workers →
/// batches to ONE inference stage → one writer committing a transaction per batch. Bounded channels
/// keep memory flat; a kill loses at most the batches in flight, and the next run only sees images
/// still lacking a vector for this model and its preprocess revision (so a second model is added without rescanning,
/// and vectors of an older preprocessing are replaced). Files that fail
/// are recorded through the store and skipped until they change (or <see cref="EmbeddingOptions.RetryFailed"/>).
/// </summary>
public sealed partial class EmbeddingIndexer(IEmbeddingStore store, IImageEmbedder embedder)
{
    private const int PageSize = 512;

    private sealed class Counters
    {
        public int Total;
        public int Embedded;
        public int Failed;
        public readonly List<(string, string)> Failures = [];
        public readonly ConcurrentQueue<EmbeddingFailure> Unrecorded = new();
    }

    private sealed record Prepared(long ImageId, ImageTensor Tensor);

    public async Task<EmbeddingSummary> RunAsync(EmbeddingOptions options, IProgress<EmbeddingProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var modelId = embedder.Model.Id;
        var revision = embedder.Model.PreprocessRevision;
        var counters = new Counters { Total = await store.CountMissingAsync(modelId, revision, options.RetryFailed, cancellationToken).ConfigureAwait(false) };
        var failedUnchanged = options.RetryFailed ? 0 : await store.CountMissingAsync(modelId, revision, true, cancellationToken).ConfigureAwait(false) - counters.Total;
        var workers = Math.Max(1, options.Workers);
        var batchSize = Math.Max(1, embedder.BatchSize);

        var work = Channel.CreateBounded<EmbeddingWork>(new BoundedChannelOptions(workers * 4) { SingleWriter = true });
        var prepared = Channel.CreateBounded<Prepared>(new BoundedChannelOptions(Math.Max(batchSize * 2, workers * 2)) { SingleReader = true });
        var results = Channel.CreateBounded<IReadOnlyList<ImageEmbedding>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var list = Task.Run(() => ListAsync(modelId, revision, options.RetryFailed, work.Writer, stop.Token), CancellationToken.None);
        var preparers = Enumerable.Range(0, workers)
            .Select(_ => Task.Run(() => PrepareAsync(options, counters, work.Reader, prepared.Writer, stop.Token), CancellationToken.None))
            .ToArray();
        _ = Task.WhenAll(preparers.Append(list)).ContinueWith(
            t => prepared.Writer.TryComplete(t.Exception?.InnerException is OperationCanceledException ? null : t.Exception?.InnerException),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var inference = Task.Factory.StartNew(
            () => InferAsync(batchSize, prepared.Reader, results.Writer, stop.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

        using var reporter = progress is null ? null : new Timer(
            _ => progress.Report(Snapshot(counters, clock)), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500));
        try
        {
            // The writer is never cancelled mid-batch: what reached it is committed whole.
            await foreach (var batch in results.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                await store.SaveAsync(modelId, revision, batch, options.Precision, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Add(ref counters.Embedded, batch.Count);
                await RecordFailuresAsync(counters).ConfigureAwait(false);
            }

            await RecordFailuresAsync(counters).ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(preparers.Append(list).Append(inference)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var failure = new[] { list, inference }.Concat(preparers).Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException);
        if (failure is not null)
        {
            throw failure;
        }

        progress?.Report(Snapshot(counters, clock));
        return new EmbeddingSummary(modelId, counters.Embedded, counters.Failed, clock.Elapsed, counters.Failures) { FailedUnchanged = failedUnchanged };
    }

    private static EmbeddingProgress Snapshot(Counters c, Stopwatch clock) =>
        new(c.Total, Volatile.Read(ref c.Embedded), Volatile.Read(ref c.Failed), clock.Elapsed);

    private async Task RecordFailuresAsync(Counters counters)
    {
        var failures = new List<EmbeddingFailure>();
        while (counters.Unrecorded.TryDequeue(out var failure))
        {
            failures.Add(failure);
        }

        if (failures.Count > 0)
        {
            await store.RecordFailuresAsync(failures, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task ListAsync(string modelId, int revision, bool retryFailed, ChannelWriter<EmbeddingWork> work, CancellationToken cancellationToken)
    {
        try
        {
            var after = 0L;
            while (true)
            {
                var page = await store.ListMissingAsync(modelId, revision, after, PageSize, retryFailed, cancellationToken).ConfigureAwait(false);
                foreach (var item in page)
                {
                    await work.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                }

                if (page.Count < PageSize)
                {
                    break;
                }

                after = page[^1].ImageId;
            }
        }
        finally
        {
            work.TryComplete();
        }
    }

    private async Task PrepareAsync(EmbeddingOptions options, Counters counters, ChannelReader<EmbeddingWork> work, ChannelWriter<Prepared> prepared, CancellationToken cancellationToken)
    {
        await foreach (var item in work.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            ImageTensor tensor;
            try
            {
                var bytes = item.Content ?? await File.ReadAllBytesAsync(item.Path, cancellationToken).ConfigureAwait(false);
                using var stream = new MemoryStream(bytes, writable: false);
                tensor = embedder.Prepare(stream, options.MaxPixels);
            }
            catch (Exception ex) when (ex is ImageRejectedException or IOException or UnauthorizedAccessException)
            {
                Interlocked.Increment(ref counters.Failed);
                lock (counters.Failures)
                {
                    counters.Failures.Add((item.Path, ex.Message));
                }

                counters.Unrecorded.Enqueue(new EmbeddingFailure(item.ImageId, item.Path, ex.Message));

                continue;
            }

            await prepared.WriteAsync(new Prepared(item.ImageId, tensor), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task InferAsync(int batchSize, ChannelReader<Prepared> prepared, ChannelWriter<IReadOnlyList<ImageEmbedding>> results, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<Prepared>(batchSize);
            while (await prepared.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (batch.Count < batchSize && prepared.TryRead(out var item))
                {
                    batch.Add(item);
                }

                // A short batch waits for the preparers unless the input is finished; the model is the bottleneck.
                if (batch.Count < batchSize && !prepared.Completion.IsCompleted)
                {
                    continue;
                }

                await results.WriteAsync(Run(batch), cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }

            if (batch.Count > 0)
            {
                await results.WriteAsync(Run(batch), cancellationToken).ConfigureAwait(false);
            }

            results.TryComplete();
        }
        catch (Exception ex)
        {
            results.TryComplete(ex is OperationCanceledException ? null : ex);
            throw;
        }
    }

    private ImageEmbedding[] Run(List<Prepared> batch)
    {
        var vectors = embedder.Embed(batch.Select(p => p.Tensor).ToList());
        return batch.Select((p, i) => new ImageEmbedding(p.ImageId, vectors[i])).ToArray();
    }
}
