using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DrawingFromDiffusion.Core.Library;

/// <summary>
/// Which file an open handle is on, and when that file's inode last changed: device, inode number and status-change
/// time (ctime, as UTC ticks). A user can set a file's modification time back, but not its ctime: writing to the file,
/// or replacing it (a rename over it, a new inode), moves it. Read with statx on Linux; null elsewhere or when the
/// kernel refuses, and callers then check the content.
/// </summary>
public readonly partial record struct FileIdentity(long Device, long Inode, long ChangeTicks)
{
    private const int EmptyPath = 0x1000; // AT_EMPTY_PATH: the handle itself
    private const uint BasicStats = 0x7ff; // STATX_BASIC_STATS

    /// <summary>The identity of the file <paramref name="handle"/> is open on.</summary>
    public static FileIdentity? Of(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!OperatingSystem.IsLinux() || handle.IsInvalid)
        {
            return null;
        }

        // struct statx has the same layout on every Linux architecture (256 bytes).
        Span<byte> buffer = stackalloc byte[256];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (Statx((int)handle.DangerousGetHandle(), "", EmptyPath, BasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        var inode = BinaryPrimitives.ReadInt64LittleEndian(buffer[32..]);
        var ctimeSeconds = BinaryPrimitives.ReadInt64LittleEndian(buffer[96..]);
        var ctimeNanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(buffer[104..]);
        var device = ((long)BinaryPrimitives.ReadUInt32LittleEndian(buffer[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer[140..]);
        var changeTicks = DateTime.UnixEpoch.Ticks + (ctimeSeconds * TimeSpan.TicksPerSecond) + (ctimeNanoseconds / 100);
        return new FileIdentity(device, inode, changeTicks);
    }

    /// <summary>The identity of the file at <paramref name="path"/> (following links); null when it cannot be opened.</summary>
    public static FileIdentity? Of(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return Of(handle);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, ref byte buffer);
}
