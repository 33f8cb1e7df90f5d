using System.IO.Compression;

namespace DrawingFromDiffusion.Core.Metadata.Containers;

/// <summary>Inflates zlib or gzip data but never past a cap, so a compression bomb costs at most the cap in memory and time.</summary>
internal static class BoundedInflater
{
    /// <returns>the inflated bytes (at most <paramref name="cap"/>), whether output was cut, or null when the data is not valid.</returns>
    public static (byte[]? Bytes, bool Truncated) Inflate(ReadOnlySpan<byte> compressed, int cap, bool gzip = false)
    {
        var input = new MemoryStream(compressed.ToArray(), writable: false);
        using Stream inflater = gzip ? new GZipStream(input, CompressionMode.Decompress) : new ZLibStream(input, CompressionMode.Decompress);
        var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            while (output.Length <= cap)
            {
                var read = inflater.Read(buffer, 0, buffer.Length);
                if (read == 0)
                {
                    return (output.ToArray(), false);
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // ZLibException (an IOException) comes from headers zlib refuses, e.g. a preset dictionary.
            // A stream cut short still yields what inflated before the damage.
            return output.Length > 0 ? (output.ToArray(), true) : (null, false);
        }

        var bytes = output.GetBuffer().AsSpan(0, cap).ToArray();
        return (bytes, true);
    }
}
