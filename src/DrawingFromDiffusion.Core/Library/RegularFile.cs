using System.Runtime.InteropServices;

namespace DrawingFromDiffusion.Core.Library;

/// <summary>
/// Reads a file named by a user only when it is a regular file, and only up to a bound: a FIFO would block the
/// open forever and a device such as /dev/zero never ends.
/// </summary>
public static partial class RegularFile
{
    // The runtime's own stat (libSystem.Native): its FileStatus layout is the same on every architecture.
    private const int ModeOffset = 4;
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;

    /// <returns>null when <paramref name="path"/> is a regular file, missing, or the platform cannot tell; else what it is.</returns>
    public static string? Problem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return "is a folder";
        }

        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return null;
        }

        var status = new byte[256];
        if (Stat(path, status) != 0)
        {
            // Missing or unreadable: opening it says why.
            return null;
        }

        return (BitConverter.ToInt32(status, ModeOffset) & TypeMask) switch
        {
            RegularType => null,
            0x1000 => "is a FIFO (named pipe), not a regular file",
            0x2000 => "is a character device, not a regular file",
            0x6000 => "is a block device, not a regular file",
            0xC000 => "is a socket, not a regular file",
            _ => "is not a regular file",
        };
    }

    /// <exception cref="InputFileException">not a regular file, or larger than <paramref name="maxBytes"/>.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        if (Problem(path) is { } problem)
        {
            throw new InputFileException($"{path} {problem}");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length > maxBytes)
        {
            throw new InputFileException($"{path} is {stream.Length:N0} bytes, above the {maxBytes:N0}-byte limit for this command");
        }

        // The length can lie (a file growing while read): the read itself is bounded too.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new InputFileException($"{path} holds more than {maxBytes:N0} bytes, the limit for this command");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, [Out] byte[] status);
}
