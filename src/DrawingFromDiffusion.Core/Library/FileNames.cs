using System.Runtime.InteropServices;
using System.Text;

namespace DrawingFromDiffusion.Core.Library;

/// <summary>
/// File names as the OS stores them (bytes on Unix) versus as .NET shows them (UTF-16, invalid UTF-8 replaced by
/// U+FFFD, so the shown name no longer opens the file). Such names are reported with their bytes escaped
/// (<c>caf\xe9.png</c>), never dropped; control characters are escaped for terminals the same way.
/// </summary>
public static partial class FileNames
{
    // glibc's struct dirent on 64-bit Linux: ino (8), off (8), reclen (2), type (1), then the name.
    private const int DirentNameOffset = 19;

    /// <summary>True when .NET had to replace bytes of this name: it cannot be opened through this string.</summary>
    public static bool LostBytes(string name) => name.Contains('\uFFFD', StringComparison.Ordinal);

    /// <summary>Control characters and U+FFFD as <c>\xNN</c>/<c>\u…</c>: safe to print on a terminal.</summary>
    public static string EscapeForTerminal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(c => char.IsControl(c) || c == '\uFFFD' || c is '\u2028' or '\u2029' or '\u202E'))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c < 0x80 && char.IsControl(c))
            {
                escaped.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else if (char.IsControl(c) || c is '\uFFFD' or '\u2028' or '\u2029' or '\u202E')
            {
                escaped.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>Raw name bytes as text: valid UTF-8 decoded, every other byte and control character as <c>\xNN</c>.</summary>
    public static string Escape(ReadOnlySpan<byte> raw)
    {
        var escaped = new StringBuilder(raw.Length + 8);
        while (!raw.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(raw, out var rune, out var consumed) == System.Buffers.OperationStatus.Done && !System.Text.Rune.IsControl(rune))
            {
                escaped.Append(rune.ToString());
            }
            else
            {
                for (var i = 0; i < Math.Max(1, consumed) && i < raw.Length; i++)
                {
                    escaped.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{raw[i]:x2}");
                }
            }

            raw = raw[Math.Max(1, consumed)..];
        }

        return escaped.ToString();
    }

    /// <summary>
    /// The escaped form of the entry of <paramref name="folder"/> that .NET shows as <paramref name="shownName"/>,
    /// read from the directory's raw bytes; the shown name with U+FFFD escaped when the bytes cannot be read.
    /// </summary>
    public static string EscapedName(string folder, string shownName)
    {
        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64)
        {
            foreach (var raw in RawNames(folder))
            {
                if (string.Equals(Encoding.UTF8.GetString(raw), shownName, StringComparison.Ordinal))
                {
                    return Escape(raw);
                }
            }
        }

        return EscapeForTerminal(shownName);
    }

    private static List<byte[]> RawNames(string folder)
    {
        var names = new List<byte[]>();
        var directory = OpenDir(folder);
        if (directory == IntPtr.Zero)
        {
            return names;
        }

        try
        {
            IntPtr entry;
            while ((entry = ReadDir(directory)) != IntPtr.Zero)
            {
                var name = entry + DirentNameOffset;
                var length = 0;
                while (Marshal.ReadByte(name, length) != 0 && length < 4096)
                {
                    length++;
                }

                var bytes = new byte[length];
                Marshal.Copy(name, bytes, 0, length);
                names.Add(bytes);
            }
        }
        finally
        {
            _ = CloseDir(directory);
        }

        return names;
    }

    [LibraryImport("libc", EntryPoint = "opendir", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr OpenDir(string path);

    [LibraryImport("libc", EntryPoint = "readdir")]
    private static partial IntPtr ReadDir(IntPtr directory);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDir(IntPtr directory);
}
