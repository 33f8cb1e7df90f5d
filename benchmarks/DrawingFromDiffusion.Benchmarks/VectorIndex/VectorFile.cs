using System.Runtime.InteropServices;

namespace DrawingFromDiffusion.Benchmarks.VectorIndex;

/// <summary>The .fbin / .ibin layout used by big-ann-benchmarks: int32 rows, int32 columns, then row-major values.</summary>
internal static class VectorFile
{
    public static (T[] Values, int Rows, int Columns) Read<T>(string path)
        where T : unmanaged
    {
        using var stream = File.OpenRead(path);
        Span<int> head = stackalloc int[2];
        stream.ReadExactly(MemoryMarshal.AsBytes(head));
        var values = new T[(long)head[0] * head[1]];
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return (values, head[0], head[1]);
    }
}
