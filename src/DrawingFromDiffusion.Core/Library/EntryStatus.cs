using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace DrawingFromDiffusion.Core.Library;

/// <summary>
/// One lstat of a listed entry: its type, size and modification time, where FileInfo would take three or four system
/// calls (a stat, a readlink for the link check, another stat). A rescan of unchanged files is only these calls.
/// </summary>
internal static partial class EntryStatus
{
    // The runtime's own FileStatus (libSystem.Native), the same on every architecture: Mode at 4, Size at 16, MTime at 40.
    private const int TypeMask = 0xF000;

    public enum Kind
    {
        /// <summary>Not a plain file or folder (a link, a FIFO, …), or the lstat failed: the caller looks closer.</summary>
        Other,
        File,
        Folder,
    }

    /// <returns>the kind; for a plain file also its size and modification time as FileInfo reports them (UTC ticks).</returns>
    public static Kind Of(string path, out long size, out long modifiedTicks)
    {
        size = 0;
        modifiedTicks = 0;
        if (!OperatingSystem.IsLinux())
        {
            return Kind.Other;
        }

        Span<byte> status = stackalloc byte[256];
        if (LStat(path, ref MemoryMarshal.GetReference(status)) != 0)
        {
            return Kind.Other;
        }

        switch (BinaryPrimitives.ReadInt32LittleEndian(status[4..]) & TypeMask)
        {
            case 0x4000:
                return Kind.Folder;
            case 0x8000:
                size = BinaryPrimitives.ReadInt64LittleEndian(status[16..]);
                var seconds = BinaryPrimitives.ReadInt64LittleEndian(status[40..]);
                var nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(status[48..]);
                modifiedTicks = DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100);
                return Kind.File;
            default:
                return Kind.Other;
        }
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, ref byte status);
}
