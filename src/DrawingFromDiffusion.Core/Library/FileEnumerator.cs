using System.IO.Enumeration;

namespace DrawingFromDiffusion.Core.Library;

/// <summary>
/// Walks folders recursively, following symbolic links once: a folder reached a second time
/// (a link loop, or two links to one place) is not walked again.
/// </summary>
public sealed class FileEnumerator(IReadOnlyList<string> excludeGlobs, bool includeHidden)
{
    public IEnumerable<FoundFile> Enumerate(IEnumerable<string> roots, CancellationToken cancellationToken)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        foreach (var root in roots)
        {
            var full = Path.GetFullPath(root);
            if (File.Exists(full))
            {
                foreach (var file in Describe(full))
                {
                    yield return file;
                }

                continue;
            }

            pending.Push(full);
        }

        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = pending.Pop();
            var (canonical, folderProblem) = Canonicalise(folder);
            if (folderProblem is not null)
            {
                yield return new FoundFile(folder, 0, 0, folderProblem);
                continue;
            }

            if (!visited.Add(canonical!))
            {
                continue;
            }

            string[] entries;
            string? listProblem = null;
            try
            {
                entries = Directory.GetFileSystemEntries(folder);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                entries = [];
                listProblem = $"folder cannot be read: {ex.Message}";
            }

            if (listProblem is not null)
            {
                yield return new FoundFile(folder, 0, 0, listProblem);
                continue;
            }

            Array.Sort(entries, StringComparer.Ordinal);
            var subfolders = new List<string>();
            foreach (var entry in entries)
            {
                if (IsExcluded(entry))
                {
                    continue;
                }

                var name = Path.GetFileName(entry);
                var hidden = name.StartsWith('.');
                if (!hidden || includeHidden)
                {
                    // The common case in one lstat; links, special files and odd names take the long way below.
                    switch (EntryStatus.Of(entry, out var size, out var modifiedTicks))
                    {
                        case EntryStatus.Kind.File:
                            yield return new FoundFile(entry, size, modifiedTicks);
                            continue;
                        case EntryStatus.Kind.Folder:
                            subfolders.Add(entry);
                            continue;
                    }
                }

                if (FileNames.LostBytes(name) && !File.Exists(entry) && !Directory.Exists(entry))
                {
                    // Not valid UTF-8: the shown name cannot open it. Reported, never dropped silently.
                    if (includeHidden || !name.StartsWith('.'))
                    {
                        yield return new FoundFile(entry, 0, 0,
                            $"the name {FileNames.EscapedName(folder, name)} is not valid UTF-8, so dfd cannot open it (a folder's contents are not scanned); rename it to index it");
                    }

                    continue;
                }

                if (Directory.Exists(entry))
                {
                    if (includeHidden || !Path.GetFileName(entry).StartsWith('.'))
                    {
                        subfolders.Add(entry);
                    }

                    continue;
                }

                if (!includeHidden && Path.GetFileName(entry).StartsWith('.'))
                {
                    continue;
                }

                foreach (var file in Describe(entry))
                {
                    yield return file;
                }
            }

            for (var i = subfolders.Count - 1; i >= 0; i--)
            {
                pending.Push(subfolders[i]);
            }
        }
    }

    private static IEnumerable<FoundFile> Describe(string path)
    {
        FileInfo info;
        string? problem = null;
        try
        {
            info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !target.Exists)
                {
                    problem = $"dangling symbolic link (points to {info.LinkTarget})";
                }
                else if (target is DirectoryInfo)
                {
                    problem = "symbolic link to a folder that cannot be walked";
                }
                else
                {
                    info = (FileInfo)target;
                }
            }
        }
        catch (IOException ex)
        {
            info = new FileInfo(path);
            problem = $"symbolic link cannot be resolved (a loop?): {ex.Message}";
        }

        if (problem is not null)
        {
            return [new FoundFile(path, 0, 0, problem)];
        }

        if (!info.Exists)
        {
            // Not a regular file (a socket, a fifo) or gone since the listing.
            return [];
        }

        return [new FoundFile(path, info.Length, info.LastWriteTimeUtc.Ticks)];
    }

    private static (string? Canonical, string? Problem) Canonicalise(string folder)
    {
        try
        {
            var info = new DirectoryInfo(folder);
            if (info.LinkTarget is null)
            {
                // A real folder: its parent chain was already canonical or resolved below.
                return (RealPath(info.FullName), null);
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !target.Exists)
            {
                return (null, $"dangling symbolic link (points to {info.LinkTarget})");
            }

            return (RealPath(target.FullName), null);
        }
        catch (IOException ex)
        {
            return (null, $"symbolic link cannot be resolved (a loop?): {ex.Message}");
        }
    }

    /// <summary>Resolves every link along the path so two routes to one folder compare equal.</summary>
    private static string RealPath(string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = Path.GetPathRoot(path) ?? "/";
        foreach (var part in parts)
        {
            current = Path.Combine(current, part);
            var info = new DirectoryInfo(current);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is not null)
                {
                    current = target.FullName;
                }
            }
        }

        return current;
    }

    private bool IsExcluded(string path)
    {
        foreach (var glob in excludeGlobs)
        {
            var name = Path.GetFileName(path);
            if (FileSystemName.MatchesSimpleExpression(glob, name) || FileSystemName.MatchesSimpleExpression(glob, path))
            {
                return true;
            }
        }

        return false;
    }
}
