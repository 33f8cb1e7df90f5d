using System.Threading.Channels;
using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.Core.Library;

/// <summary>The single writer: outcomes committed in batches, then the model inputs of the new images handed on.</summary>
public partial class LibraryScanner
{
    private async Task WriteAsync(ScanOptions options, Counters counters, ChannelReader<ScanOutcome> outcomes)
    {
        var batch = new List<ScanOutcome>(options.BatchSize);
        while (true)
        {
            bool more;
            if (batch.Count == 0)
            {
                more = await outcomes.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                // A partly filled batch waits at most MaxBatchDelay, so slow files still get committed.
                using var wait = new CancellationTokenSource(options.MaxBatchDelay);
                try
                {
                    more = await outcomes.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    await CommitAsync(batch, counters).ConfigureAwait(false);
                    continue;
                }
            }

            if (!more)
            {
                break;
            }

            while (batch.Count < options.BatchSize && outcomes.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }

            if (batch.Count >= options.BatchSize)
            {
                await CommitAsync(batch, counters).ConfigureAwait(false);
            }
        }

        if (batch.Count > 0)
        {
            await CommitAsync(batch, counters).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(List<ScanOutcome> batch, Counters counters)
    {
        // Never cancelled: a batch that reached the writer is committed whole or not at all.
        var result = await catalog.WriteBatchAsync(batch, CancellationToken.None).ConfigureAwait(false);
        var failed = batch.Count(o => o is FileFailed);
        Interlocked.Add(ref counters.Failed, failed);
        if (ModelInputs is { } sink && result.NewImageIds is { } ids)
        {
            var handed = new HashSet<long>();
            foreach (var outcome in batch)
            {
                // Two new copies of one content in a batch share one image row: its input goes once. A video row is
                // never embedded (its frames are, as images of their own), so its first frame's input is not handed over.
                if (outcome is FileScanned { Video: null, Facts.ModelInput: { } tensor } scanned && ids.TryGetValue(scanned.Hash, out var imageId) && handed.Add(imageId))
                {
                    // Never cancelled either: the model stage drains what it was given.
                    await sink.AddAsync(imageId, tensor, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }

        batch.Clear();
    }
}
