using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.Core.Library;

/// <summary>
/// Opens a catalogued file only while it still holds the catalogued content. The file actually opened counts as
/// unchanged only when its size, modification time and identity (device, inode and ctime, recorded by the scan) all
/// match and no symbolic link is on its path. Anything else — a new time, a replacement whose mtime was set back (a
/// new inode, or a new ctime, which users cannot set), a link that could point anywhere, a catalogue row without an
/// identity — is checked against the content hash before a byte is trusted.
/// </summary>
public static class CataloguedFile
{
    /// <returns>the open stream at position 0, or null when the file is gone, unreadable or holds other content.</returns>
    /// <param name="identity">the file's identity when it was scanned; null when unknown (the content is then always hashed).</param>
    public static async Task<FileStream?> OpenUnchangedAsync(
        string path, long size, long modifiedTicks, FileIdentity? identity, ContentHash hash, CancellationToken cancellationToken)
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
            var sameFile = identity is not null && FileIdentity.Of(stream.SafeFileHandle) == identity;
            if (sameTime && sameFile && !RunsThroughLink(path))
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
