using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Storage.PostgreSql;

namespace DrawingFromDiffusion.App.PostgreSql;

/// <summary>`dfd index --enqueue`: records the image files under folders as jobs for `dfd worker`, relative to a named root.</summary>
internal static class PgEnqueue
{
    /// <summary>Queues every image file under <paramref name="folder"/>; a folder under no named root becomes a root named after it.</summary>
    /// <returns>the root used, whether it was created now, files seen and jobs queued (new or changed).</returns>
    public static async Task<(string Root, bool RootAdded, int Files, int Queued)> RunAsync(PgCatalog catalog, string folder, CancellationToken cancellationToken)
    {
        var queue = new PgJobQueue(catalog);
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var roots = await queue.RootsAsync(cancellationToken);
        var root = roots.Where(r => full == r.Path || full.StartsWith(r.Path.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderByDescending(r => r.Path.Length).Select(r => ((string, string)?)r).FirstOrDefault();
        var added = false;
        if (root is null)
        {
            var name = Path.GetFileName(full);
            name = roots.Any(r => r.Name == name) ? $"{name}-{roots.Count + 1}" : name;
            await queue.AddRootAsync(name, full, cancellationToken);
            root = (name, full);
            added = true;
        }

        var (rootName, rootPath) = root.Value;
        var files = new List<(string, long, long)>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint };
        foreach (var path in Directory.EnumerateFiles(full, "*", options).Where(FormatSniffer.HasImageExtension))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var info = new FileInfo(path);
            files.Add((Path.GetRelativePath(rootPath, path), info.Length, info.LastWriteTimeUtc.Ticks));
        }

        var queued = 0;
        foreach (var chunk in files.Chunk(5_000))
        {
            queued += await queue.EnqueueAsync(rootName, chunk, cancellationToken);
        }

        return (rootName, added, files.Count, queued);
    }
}
