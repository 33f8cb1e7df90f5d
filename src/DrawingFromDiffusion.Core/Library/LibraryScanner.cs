using System.Diagnostics;
using System.Threading.Channels;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Core.Video;

namespace DrawingFromDiffusion.Core.Library;

/// <summary>
/// The scan pipeline: walk → (hash + decode on N workers) → one writer committing in batches.
/// Bounded channels keep memory flat; a kill loses at most the uncommitted batch, and the next
/// run skips every file whose (path, size, mtime) is already committed.
/// Videos and animations (with a <paramref name="videoSampler"/>) are sampled into frames that go
/// through the same analyzer; without one they are left alone, as before.
/// </summary>
public sealed partial class LibraryScanner(IImageCatalog catalog, IImageAnalyzer analyzer, MetadataReader? metadataReader = null, IVideoSampler? videoSampler = null)
{
    private readonly MetadataReader _metadata = metadataReader ?? new MetadataReader();

    /// <summary>
    /// Where model inputs made from the scan's own decode go (see <see cref="ImageFacts.ModelInput"/>), once their image
    /// row is committed; null when no model runs during the scan.
    /// </summary>
    public IModelInputSink? ModelInputs { get; init; }

    private sealed class Counters
    {
        public int Found;
        public int Done;
        public int Added;
        public int Updated;
        public int Unchanged;
        public int Failed;
        public int FailedUnchanged;
        public int Ignored;
        public volatile bool WalkFinished;

        /// <summary>Content already catalogued that turned up at a new path: a copy, or the far end of a move.</summary>
        public readonly List<ContentHash> LinkedAtNewPath = [];
        public volatile string? CurrentPath;
    }

    private readonly record struct WorkItem(FoundFile File, bool WasKnown);

    public async Task<ScanSummary> ScanAsync(ScanOptions options, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var roots = options.Roots.Select(Path.GetFullPath).ToList();
        var snapshot = await catalog.LoadSnapshotAsync(roots, cancellationToken).ConfigureAwait(false);
        var scanId = await catalog.StartScanAsync(roots, cancellationToken).ConfigureAwait(false);
        var counters = new Counters();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        var work = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(options.Workers * 4) { SingleWriter = true });
        var outcomes = Channel.CreateBounded<ScanOutcome>(new BoundedChannelOptions(options.BatchSize * 2) { SingleReader = true });

        // Producers stop on Ctrl+C or on a writer failure; the writer itself drains what was produced.
        using var producersStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var walk = Task.Run(() => Walk(options, snapshot, seen, counters, work.Writer, outcomes.Writer, producersStop.Token), CancellationToken.None);
        var workers = Enumerable.Range(0, options.Workers)
            .Select(_ => Task.Run(() => WorkAsync(options, snapshot, counters, work.Reader, outcomes.Writer, producersStop.Token), CancellationToken.None))
            .ToArray();
        var producers = Task.WhenAll(workers.Append(walk)).ContinueWith(
            t => outcomes.Writer.TryComplete(t.Exception?.InnerException is OperationCanceledException ? null : t.Exception?.InnerException),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        using var reporter = progress is null ? null : new Timer(
            _ => progress.Report(Snapshot(counters, clock)), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500));

        try
        {
            await WriteAsync(options, counters, outcomes.Reader).ConfigureAwait(false);
        }
        catch
        {
            await producersStop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            await producers.ConfigureAwait(false);
        }

        var failure = walk.Exception?.InnerException ?? workers.Select(w => w.Exception?.InnerException).FirstOrDefault(e => e is not null);
        if (failure is not null and not OperationCanceledException)
        {
            throw failure;
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Only a complete walk may conclude that a file is gone.
        var missing = snapshot.Files.Keys.Concat(snapshot.Errors.Keys).Where(p => !seen.Contains(p)).Distinct().ToList();
        var removal = await catalog.RemoveMissingAsync(missing, cancellationToken).ConfigureAwait(false);
        var moved = CountMoves(counters.LinkedAtNewPath, removal.RemovedFileHashes);

        var summary = new ScanSummary
        {
            Found = counters.Found,
            Added = counters.Added - moved,
            Updated = counters.Updated,
            Moved = moved,
            Unchanged = counters.Unchanged,
            Removed = removal.RemovedFileHashes.Count - moved,
            Failed = counters.Failed,
            FailedUnchanged = counters.FailedUnchanged,
            Ignored = counters.Ignored,
            ImagesPruned = removal.ImagesPruned,
            Completed = true,
            Elapsed = clock.Elapsed,
        };
        await catalog.FinishScanAsync(scanId, summary, cancellationToken).ConfigureAwait(false);
        progress?.Report(Snapshot(counters, clock));
        return summary;
    }

    /// <summary>A removed path whose content reappeared at a new path was moved or renamed.</summary>
    private static int CountMoves(List<ContentHash> linkedAtNewPath, IReadOnlyList<ContentHash> removed)
    {
        var arrivals = linkedAtNewPath.CountBy(h => h).ToDictionary(p => p.Key, p => p.Value);
        var moves = 0;
        foreach (var hash in removed)
        {
            if (arrivals.TryGetValue(hash, out var left) && left > 0)
            {
                arrivals[hash] = left - 1;
                moves++;
            }
        }

        return moves;
    }

    private static ScanProgress Snapshot(Counters c, Stopwatch clock) =>
        new(Volatile.Read(ref c.Found), c.WalkFinished, Volatile.Read(ref c.Done), Volatile.Read(ref c.Failed), clock.Elapsed, c.CurrentPath,
            Volatile.Read(ref c.Unchanged) + Volatile.Read(ref c.FailedUnchanged));

    private static async Task Walk(
        ScanOptions options,
        CatalogSnapshot snapshot,
        HashSet<string> seen,
        Counters counters,
        ChannelWriter<WorkItem> work,
        ChannelWriter<ScanOutcome> outcomes,
        CancellationToken cancellationToken)
    {
        // The listing runs ahead of the bounded work channel (paths only, like `seen`), so the total
        // and an ETA are known early instead of when the last file is handed to a worker.
        var listing = Channel.CreateUnbounded<FoundFile>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var list = Task.Run(
            () =>
            {
                try
                {
                    var enumerator = new FileEnumerator(options.ExcludeGlobs, options.IncludeHidden);
                    foreach (var file in enumerator.Enumerate(options.Roots, cancellationToken))
                    {
                        if (seen.Add(file.Path))
                        {
                            Interlocked.Increment(ref counters.Found);
                            listing.Writer.TryWrite(file);
                        }
                    }

                    listing.Writer.TryComplete();
                }
                catch (Exception ex)
                {
                    listing.Writer.TryComplete(ex);
                }
                finally
                {
                    counters.WalkFinished = true;
                }
            },
            CancellationToken.None);
        try
        {
            await foreach (var file in listing.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!options.RetryErrors && snapshot.Errors.TryGetValue(file.Path, out var failedState) && failedState.Matches(file.Size, file.ModifiedTicks))
                {
                    Interlocked.Increment(ref counters.FailedUnchanged);
                    Interlocked.Increment(ref counters.Done);
                    continue;
                }

                if (file.Problem is not null)
                {
                    await outcomes.WriteAsync(new FileFailed(file.Path, 0, 0, ScanStage.Read, file.Problem), cancellationToken).ConfigureAwait(false);
                    Interlocked.Increment(ref counters.Done);
                    continue;
                }

                var known = snapshot.Files.TryGetValue(file.Path, out var state);
                if (known && state.Matches(file.Size, file.ModifiedTicks))
                {
                    Interlocked.Increment(ref counters.Unchanged);
                    Interlocked.Increment(ref counters.Done);
                    continue;
                }

                await work.WriteAsync(new WorkItem(file, known), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            work.TryComplete();
            await list.ConfigureAwait(false);
        }
    }

    private async Task WorkAsync(
        ScanOptions options,
        CatalogSnapshot snapshot,
        Counters counters,
        ChannelReader<WorkItem> work,
        ChannelWriter<ScanOutcome> outcomes,
        CancellationToken cancellationToken)
    {
        await foreach (var item in work.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            counters.CurrentPath = item.File.Path;
            var outcome = await LookAbandonableAsync(options, snapshot, item.File, cancellationToken).ConfigureAwait(false);
            if (outcome is null)
            {
                Interlocked.Increment(ref counters.Ignored);
                Interlocked.Increment(ref counters.Done);
                continue;
            }

            if (outcome is FileScanned scanned)
            {
                Interlocked.Increment(ref item.WasKnown ? ref counters.Updated : ref counters.Added);
                if (!item.WasKnown && scanned.Facts is null)
                {
                    lock (counters.LinkedAtNewPath)
                    {
                        counters.LinkedAtNewPath.Add(scanned.Hash);
                    }
                }
            }

            await outcomes.WriteAsync(outcome, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref counters.Done);
        }
    }

    /// <summary>Hashes and decodes one file; null when it is not an image and does not pretend to be one.</summary>
    private async Task<ScanOutcome?> LookAsync(ScanOptions options, CatalogSnapshot snapshot, FoundFile file, CancellationToken cancellationToken)
    {
        if (file.Size == 0)
        {
            // An empty README.txt is just another non-image; an empty photo.png is a broken image.
            return FormatSniffer.HasImageExtension(file.Path) || (videoSampler is not null && FormatSniffer.HasVideoExtension(file.Path))
                ? new FileFailed(file.Path, file.Size, file.ModifiedTicks, ScanStage.Read, "empty file (0 bytes)")
                : null;
        }

        try
        {
            await using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: false);
            var header = new byte[FormatSniffer.HeaderLength];
            var headerLength = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var format = FormatSniffer.Sniff(header.AsSpan(0, headerLength));
            var identity = FileIdentity.Of(stream.SafeFileHandle);
            if (format == ImageFormat.Unknown && videoSampler is not null && FormatSniffer.HasVideoExtension(file.Path))
            {
                return new FileFailed(file.Path, file.Size, file.ModifiedTicks, ScanStage.Decode,
                    $"not a video: the content is not MP4, MOV, WebM or MKV despite the {Path.GetExtension(file.Path)} extension");
            }

            if (format == ImageFormat.Unknown || (format.IsVideoContainer() && videoSampler is null))
            {
                return FormatSniffer.HasImageExtension(file.Path)
                    ? new FileFailed(file.Path, file.Size, file.ModifiedTicks, ScanStage.Decode,
                        $"not an image: the content is not PNG, JPEG, WebP, GIF or BMP despite the {Path.GetExtension(file.Path)} extension")
                    : null;
            }

            stream.Position = 0;
            ContentHash hash;
            Stream pixels;
            MetadataParseResult generation;
            if (file.Size <= options.InMemoryReadLimit)
            {
                var bytes = new byte[file.Size];
                await ReadInPiecesAsync(stream, bytes, cancellationToken).ConfigureAwait(false);
                hash = ContentHash.Of(bytes);
                generation = _metadata.Read(bytes);
                pixels = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
            }
            else
            {
                hash = await ContentHash.OfStreamAsync(stream, cancellationToken).ConfigureAwait(false);
                // Metadata of a huge file comes from its first InMemoryReadLimit bytes (text after that is not seen).
                stream.Position = 0;
                var head = new byte[options.InMemoryReadLimit];
                var read = await ReadInPiecesAsync(stream, head, cancellationToken, throwOnEndOfStream: false).ConfigureAwait(false);
                generation = _metadata.Read(head[..read]);
                stream.Position = 0;
                pixels = stream;
            }

            if (snapshot.KnownHashes.Contains(hash))
            {
                return new FileScanned(file.Path, file.Size, file.ModifiedTicks, hash, null) { Generation = generation, Identity = identity };
            }

            if (videoSampler is not null && (format.IsVideoContainer() || (format.MayBeAnimated() && IsAnimated(pixels))))
            {
                var sampled = await SampleVideoAsync(videoSampler, options, file, format, hash, generation, cancellationToken).ConfigureAwait(false);
                return sampled is FileScanned video ? video with { Identity = identity } : sampled;
            }

            var facts = analyzer.Analyze(pixels, format, options.Limits, cancellationToken);
            return new FileScanned(file.Path, file.Size, file.ModifiedTicks, hash, facts) { Generation = generation, Identity = identity };
        }
        catch (ImageRejectedException ex)
        {
            return new FileFailed(file.Path, file.Size, file.ModifiedTicks, ScanStage.Decode, ex.Message);
        }
        catch (EndOfStreamException)
        {
            return new FileFailed(file.Path, file.Size, file.ModifiedTicks, ScanStage.Read, "file shrank while being read");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new FileFailed(file.Path, file.Size, file.ModifiedTicks, ScanStage.Read, $"cannot read: {ex.Message}");
        }
    }
}
