namespace DrawingFromDiffusion.Storage;

/// <summary>
/// One writer per catalog: an exclusive lock on <c>CATALOG.lock</c> beside it (FileShare.None, an OS advisory lock
/// on Unix), which the OS releases when the process ends, even by kill -9. The file itself is left in place.
/// </summary>
public sealed class CatalogWriterLock : IDisposable
{
    private static readonly TimeSpan _retryEvery = TimeSpan.FromMilliseconds(250);

    private readonly FileStream _file;

    private CatalogWriterLock(FileStream file) => _file = file;

    public static string LockPath(string catalogPath) => Path.GetFullPath(catalogPath) + ".lock";

    /// <summary>Takes the lock, waiting while another process holds it unless <paramref name="wait"/> is false.</summary>
    /// <param name="waiting">told once, when the lock is held by another process and this call starts waiting.</param>
    /// <exception cref="CatalogInUseException">held elsewhere and <paramref name="wait"/> is false.</exception>
    public static async Task<CatalogWriterLock> AcquireAsync(string catalogPath, bool wait, Action<string>? waiting, CancellationToken cancellationToken)
    {
        var path = LockPath(catalogPath);
        var told = false;
        while (true)
        {
            if (TryTake(path) is { } taken)
            {
                return taken;
            }

            var message = $"another dfd index is writing {catalogPath} (lock {path})";
            if (!wait)
            {
                throw new CatalogInUseException($"{message}; run again when it has finished, or without --no-wait to wait for it");
            }

            if (!told)
            {
                told = true;
                waiting?.Invoke($"{message}; waiting for it to finish (Ctrl+C to stop)");
            }

            await Task.Delay(_retryEvery, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _file.Dispose();

    private static CatalogWriterLock? TryTake(string path)
    {
        try
        {
            var folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            return new CatalogWriterLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }
}
