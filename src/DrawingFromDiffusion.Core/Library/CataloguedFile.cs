using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.Core.Library;

/// <summary>
/// Opens a catalogued file only while it still holds the catalogued content. The same size and modification time
/// (of the file actually opened) count as unchanged; anything else — a new time, or a path that now runs through a
/// symbolic link, which could point anywhere — is checked against the content hash before a byte is trusted.
/// </summary>
public static class CataloguedFile
{
    /// <returns>the open stream at position 0, or null when the file is gone, unreadable or holds other content.</returns>
    public static async Task<FileStream?> OpenUnchangedAsync(string path, long size, long modifiedTicks, ContentHash hash, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        try
        {
            if (stream.Length != size)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            var sameTime = File.GetLastWriteTimeUtc(stream.SafeFileHandle).Ticks == modifiedTicks;
            if (sameTime && !RunsThroughLink(path))
            {
                return stream;
            }

            if (await ContentHash.OfStreamAsync(stream, cancellationToken).ConfigureAwait(false) == hash)
            {
                stream.Position = 0;
                return stream;
            }

            await stream.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Whether the path or any folder above it is a symbolic link now.</summary>
    public static bool RunsThroughLink(string path)
    {
        for (var current = Path.GetFullPath(path); !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            try
            {
                if (new FileInfo(current).LinkTarget is not null)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return true;
            }
        }

        return false;
    }
}
