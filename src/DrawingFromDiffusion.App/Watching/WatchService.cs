using System.Diagnostics;
using System.IO.Enumeration;
using DrawingFromDiffusion.App.Indexing;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Watching;

/// <summary>
/// `dfd watch` and `dfd serve --watch`: keeps folders indexed as files arrive, change, move and go. A catch-up scan
/// first; then file-system events mark paths pending, each check indexes those that stopped changing (through
/// <see cref="IndexService"/>, as `dfd index` does: scan, then embed), and a periodic rescan catches missed events.
/// </summary>
internal sealed class WatchService(CatalogDatabase database, WatchRequest request, ILogger logger, IWatchPacer? pacer = null)
{
    private readonly IWatchPacer _pacer = pacer ?? new TimedWatchPacer(request.SettleInterval);
    private readonly PendingChanges _pending = new();
    private readonly List<string> _folders = request.Folders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).ToList();
    private long _version;
    private EmbeddingSession? _embedding;

    /// <summary>Runs until cancelled (then throws <see cref="OperationCanceledException"/>).</summary>
    /// <param name="events">what was noticed and indexed, reported on the watcher's own threads, in order per path.</param>
    /// <param name="progress">the scan and embedding stages of each batch.</param>
    public async Task RunAsync(IProgress<WatchEvent>? events, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var watchers = _folders.Select(f => Watch(f, events)).ToList();
        _embedding = request.Embedding is null ? null : EmbeddingSession.Open(request.Embedding, logger);
        try
        {
            var caughtUp = await IndexAsync(_folders, [], rescan: true, progress, cancellationToken);
            events?.Report(caughtUp);
            events?.Report(new WatchEvent(WatchEventKind.Watching, _folders) { CatalogVersion = _version });
            var lastRescan = Stopwatch.GetTimestamp();
            while (true)
            {
                await _pacer.WaitAsync(cancellationToken);
                try
                {
                    var settled = _pending.Check();
                    if (!settled.IsEmpty)
                    {
                        events?.Report(await IndexAsync(settled.Ready, settled.Gone, rescan: false, progress, cancellationToken));
                    }

                    // The full rescan waits until nothing is being written, so it takes in no half-written file.
                    if (_pending.Count == 0 && (_pending.TakeOverflow() || Stopwatch.GetElapsedTime(lastRescan) >= request.RescanInterval))
                    {
                        events?.Report(await IndexAsync(_folders, [], rescan: true, progress, cancellationToken));
                        lastRescan = Stopwatch.GetTimestamp();
                    }
                }
                finally
                {
                    _pacer.Checked();
                }
            }
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                watcher.Dispose();
            }

            _embedding?.Dispose();
        }
    }

    private async Task<WatchEvent> IndexAsync(IReadOnlyList<string> ready, IReadOnlyList<string> gone, bool rescan, IProgress<StageProgress>? rescanProgress, CancellationToken cancellationToken)
    {
        // A batch of arrivals is reported by its one line; only a rescan, which can be long, shows its stages.
        var progress = rescan ? rescanProgress : null;
        var clock = Stopwatch.StartNew();
        // One writer at a time: a `dfd index` run on the same catalog finishes its batch first.
        using var writer = await CatalogWriterLock.AcquireAsync(database.Path, wait: true, m => logger.LogInformation("{Waiting}", m), cancellationToken);
        var summary = ready.Count == 0 ? null : await IndexService.ScanAsync(database, request.Scan with { Roots = ready }, progress, cancellationToken);
        // After the scan: content that moved is linked to its new path before its old path goes, so it keeps its entry.
        var removed = gone.Count == 0 ? 0 : await IndexService.RemoveGoneAsync(database, gone, cancellationToken);
        var embedded = _embedding is null ? null : await IndexService.EmbedAsync(database, _embedding, progress, cancellationToken);
        var result = new WatchEvent(WatchEventKind.Indexed, [.. ready, .. gone])
        {
            Scan = summary,
            Removed = removed,
            Embedded = embedded?.Summary?.Embedded ?? 0,
            Problem = embedded?.Problem,
            Rescan = rescan,
            Elapsed = clock.Elapsed,
        };
        return result.Changed ? result with { CatalogVersion = Interlocked.Increment(ref _version) } : result with { CatalogVersion = Interlocked.Read(ref _version) };
    }

    private FileSystemWatcher Watch(string folder, IProgress<WatchEvent>? events)
    {
        var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Size | NotifyFilters.LastWrite,
            InternalBufferSize = 64 * 1024,
        };
        void Noticed(string path)
        {
            if (Watched(path))
            {
                _pending.Notice(path);
                events?.Report(new WatchEvent(WatchEventKind.Noticed, [path]));
            }
        }

        watcher.Created += (_, e) => Noticed(e.FullPath);
        watcher.Changed += (_, e) =>
        {
            // A folder's own change event only says its listing changed; the entries have events of their own.
            if (!Directory.Exists(e.FullPath))
            {
                Noticed(e.FullPath);
            }
        };
        watcher.Deleted += (_, e) => Noticed(e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            Noticed(e.OldFullPath);
            Noticed(e.FullPath);
        };
        watcher.Error += (_, e) =>
        {
            logger.LogWarning("dfd: watching {Folder} lost events ({Reason}); rescanning once writes settle", folder, e.GetException().Message);
            _pending.Overflowed();
            events?.Report(new WatchEvent(WatchEventKind.Overflow, [folder]));
        };
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    /// <summary>What the scan would walk: not hidden (unless asked), not excluded, and not the catalog's own files.</summary>
    private bool Watched(string path)
    {
        var root = _folders.FirstOrDefault(f => path.StartsWith(f + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        if (root is null)
        {
            return false;
        }

        var catalogStem = Path.Combine(Path.GetDirectoryName(database.Path) ?? "", Path.GetFileNameWithoutExtension(database.Path)) + ".";
        if (path.StartsWith(catalogStem, StringComparison.Ordinal))
        {
            return false;
        }

        var below = path[(root.Length + 1)..];
        if (!request.Scan.IncludeHidden && below.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
        {
            return false;
        }

        var name = Path.GetFileName(path);
        return !request.Scan.ExcludeGlobs.Any(g => FileSystemName.MatchesSimpleExpression(g, name) || FileSystemName.MatchesSimpleExpression(g, path));
    }
}
