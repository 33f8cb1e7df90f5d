namespace DrawingFromDiffusion.App.Watching;

/// <summary>
/// Paths that changed and are not indexed yet. Each check stats them; a path whose size and modification time are the
/// same as at the previous check (with no event in between) has settled: an existing file or folder is ready to scan,
/// a vanished one is gone. A folder waits while anything under it is still changing, since its scan would take that in.
/// </summary>
internal sealed class PendingChanges
{
    private readonly Lock _gate = new();

    /// <summary>Path → what the last check saw (null: not checked since its last event).</summary>
    private readonly Dictionary<string, PathState?> _paths = new(StringComparer.Ordinal);
    private bool _overflowed;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _paths.Count;
            }
        }
    }

    /// <summary>An event for <paramref name="path"/>: it needs two equal checks from now on.</summary>
    public void Notice(string path)
    {
        lock (_gate)
        {
            _paths[path] = null;
        }
    }

    public void Overflowed()
    {
        lock (_gate)
        {
            _overflowed = true;
        }
    }

    /// <summary>Whether events were lost since the last call (a full rescan is due).</summary>
    public bool TakeOverflow()
    {
        lock (_gate)
        {
            var overflowed = _overflowed;
            _overflowed = false;
            return overflowed;
        }
    }

    /// <summary>Looks at every pending path once and takes out those that settled.</summary>
    public SettledPaths Check()
    {
        List<string> ready = [];
        List<string> gone = [];
        lock (_gate)
        {
            foreach (var (path, previous) in _paths.ToList())
            {
                var now = PathState.Of(path);
                if (previous != now)
                {
                    _paths[path] = now;
                    continue;
                }

                (now.Exists ? ready : gone).Add(path);
                _paths.Remove(path);
            }

            // A folder whose scan would take in a file still being written waits for it.
            var waiting = ready.Where(p => PathState.Of(p).IsFolder && _paths.Keys.Any(k => IsUnder(k, p))).ToList();
            foreach (var folder in waiting)
            {
                ready.Remove(folder);
                _paths[folder] = PathState.Of(folder);
            }

            // A path gone while others still change may be the far end of a move whose new path is not settled yet:
            // removed first, its content would be pruned and come back as a new image.
            if (_paths.Count > 0)
            {
                foreach (var path in gone)
                {
                    _paths[path] = default(PathState);
                }

                gone.Clear();
            }
        }

        return new SettledPaths(ready, gone);
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>What a stat of a path shows: missing, a folder, or a file with its size and modification time.</summary>
    private readonly record struct PathState(bool Exists, bool IsFolder, long Size, long ModifiedTicks)
    {
        public static PathState Of(string path)
        {
            try
            {
                var file = new FileInfo(path);
                if (file.Exists)
                {
                    return new PathState(true, false, file.Length, file.LastWriteTimeUtc.Ticks);
                }

                return Directory.Exists(path) ? new PathState(true, true, 0, 0) : default;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Unreadable now: treated as changing until it reads the same twice.
                return new PathState(true, false, -1, DateTime.UtcNow.Ticks);
            }
        }
    }
}

/// <summary>The paths a check found settled: those to scan and those gone from disk.</summary>
internal sealed record SettledPaths(IReadOnlyList<string> Ready, IReadOnlyList<string> Gone)
{
    public bool IsEmpty => Ready.Count == 0 && Gone.Count == 0;
}
