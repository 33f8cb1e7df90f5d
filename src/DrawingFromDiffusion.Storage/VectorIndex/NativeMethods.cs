using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.VectorIndex;

namespace DrawingFromDiffusion.Storage.VectorIndex;

/// <summary>
/// The C API of USearch 2.26 (<c>libusearch_c</c>, shipped in the Cloud.Unum.USearch package). Its managed wrapper
/// lacks filtered search, thread counts and ef changes, so we bind the C functions directly. Every function reports
/// failure through a <c>char const*</c> out-parameter that stays owned by the library.
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string Library = "usearch_c";

    private const int MetricInnerProduct = 2;
    private const int ScalarFloat32 = 1;
    private const int ScalarFloat16 = 3;

    internal static string? Version() => Marshal.PtrToStringUTF8(RawVersion());

    internal static nint Create(int dimensions, VectorPrecision precision, int connectivity, int expansionAdd, int expansionSearch)
    {
        var options = new InitOptions
        {
            MetricKind = MetricInnerProduct,
            Quantization = precision == VectorPrecision.Float16 ? ScalarFloat16 : ScalarFloat32,
            Dimensions = (nuint)dimensions,
            Connectivity = (nuint)connectivity,
            ExpansionAdd = (nuint)expansionAdd,
            ExpansionSearch = (nuint)expansionSearch,
        };
        nint error = 0;
        var index = RawInit(&options, &error);
        if (error != 0 && index != 0)
        {
            RawFree(index, &error);
        }

        Check(error, "init");
        return index != 0 ? index : throw new VectorIndexException("USearch init returned no index.");
    }

    internal static void Free(nint index)
    {
        nint error = 0;
        RawFree(index, &error);
    }

    internal static long MemoryUsage(nint index)
    {
        nint error = 0;
        var bytes = RawMemoryUsage(index, &error);
        Check(error, "memory_usage");
        return (long)bytes;
    }

    internal static long SerializedLength(nint index)
    {
        nint error = 0;
        var bytes = RawSerializedLength(index, &error);
        Check(error, "serialized_length");
        return (long)bytes;
    }

    internal static long Size(nint index)
    {
        nint error = 0;
        var size = RawSize(index, &error);
        Check(error, "size");
        return (long)size;
    }

    internal static long Capacity(nint index)
    {
        nint error = 0;
        var capacity = RawCapacity(index, &error);
        Check(error, "capacity");
        return (long)capacity;
    }

    internal static int Dimensions(nint index)
    {
        nint error = 0;
        var dimensions = RawDimensions(index, &error);
        Check(error, "dimensions");
        return (int)dimensions;
    }

    internal static int Connectivity(nint index)
    {
        nint error = 0;
        var connectivity = RawConnectivity(index, &error);
        Check(error, "connectivity");
        return (int)connectivity;
    }

    internal static int ExpansionAdd(nint index)
    {
        nint error = 0;
        var expansion = RawExpansionAdd(index, &error);
        Check(error, "expansion_add");
        return (int)expansion;
    }

    internal static int ExpansionSearch(nint index)
    {
        nint error = 0;
        var expansion = RawExpansionSearch(index, &error);
        Check(error, "expansion_search");
        return (int)expansion;
    }

    internal static void Reserve(nint index, long capacity)
    {
        nint error = 0;
        RawReserve(index, (nuint)capacity, &error);
        Check(error, "reserve");
    }

    internal static void ChangeExpansionAdd(nint index, int expansion)
    {
        nint error = 0;
        RawChangeExpansionAdd(index, (nuint)expansion, &error);
        Check(error, "change_expansion_add");
    }

    internal static void ChangeExpansionSearch(nint index, int expansion)
    {
        nint error = 0;
        RawChangeExpansionSearch(index, (nuint)expansion, &error);
        Check(error, "change_expansion_search");
    }

    internal static void ChangeThreads(nint index, int threadsAdd, int threadsSearch)
    {
        nint error = 0;
        RawChangeThreadsAdd(index, (nuint)threadsAdd, &error);
        Check(error, "change_threads_add");
        RawChangeThreadsSearch(index, (nuint)threadsSearch, &error);
        Check(error, "change_threads_search");
    }

    internal static void Save(nint index, string path)
    {
        nint error = 0;
        fixed (byte* utf8 = Utf8Path(path))
        {
            RawSave(index, utf8, &error);
        }

        Check(error, "save");
    }

    internal static void Load(nint index, string path)
    {
        nint error = 0;
        fixed (byte* utf8 = Utf8Path(path))
        {
            RawLoad(index, utf8, &error);
        }

        Check(error, "load");
    }

    internal static void View(nint index, string path)
    {
        nint error = 0;
        fixed (byte* utf8 = Utf8Path(path))
        {
            RawView(index, utf8, &error);
        }

        Check(error, "view");
    }

    /// <summary>The dimensions and scalar kind recorded in a saved index file, without loading it.</summary>
    internal static (int Dimensions, VectorPrecision? Precision, bool InnerProduct) ReadMetadata(string path)
    {
        nint error = 0;
        var options = default(InitOptions);
        fixed (byte* utf8 = Utf8Path(path))
        {
            RawMetadata(utf8, &options, &error);
        }

        Check(error, "metadata");
        VectorPrecision? precision = options.Quantization switch
        {
            ScalarFloat32 => VectorPrecision.Float32,
            ScalarFloat16 => VectorPrecision.Float16,
            _ => null,
        };
        return ((int)options.Dimensions, precision, options.MetricKind == MetricInnerProduct);
    }

    internal static void Add(nint index, long key, ReadOnlySpan<float> vector)
    {
        nint error = 0;
        fixed (float* data = vector)
        {
            RawAdd(index, (ulong)key, data, ScalarFloat32, &error);
        }

        Check(error, "add");
    }

    /// <summary>
    /// Adds rows of <paramref name="vectors"/> on <paramref name="threads"/> threads. The index must have room for them
    /// and at least as many add contexts as threads.
    /// </summary>
    internal static void AddRows(nint index, ReadOnlySpan<long> keys, ReadOnlySpan<float> vectors, int dimensions, int threads)
    {
        fixed (long* keyData = keys)
        fixed (float* vectorData = vectors)
        {
            var keyAddress = (nint)keyData;
            var vectorAddress = (nint)vectorData;
            var count = keys.Length;
            var parts = Math.Clamp(threads, 1, Math.Max(1, count / 64));
            var failures = new string?[parts];
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
            {
                var start = (int)((long)count * part / parts);
                var end = (int)((long)count * (part + 1) / parts);
                var partKeys = (long*)keyAddress;
                var partVectors = (float*)vectorAddress;
                for (var row = start; row < end; row++)
                {
                    nint error = 0;
                    RawAdd(index, (ulong)partKeys[row], partVectors + ((long)row * dimensions), ScalarFloat32, &error);
                    if (error != 0)
                    {
                        failures[part] = Marshal.PtrToStringUTF8(error);
                        return;
                    }
                }
            });
            foreach (var failure in failures)
            {
                if (failure is not null)
                {
                    throw new VectorIndexException($"USearch add failed: {failure}.");
                }
            }
        }
    }

    internal static bool Contains(nint index, long key)
    {
        nint error = 0;
        var found = RawContains(index, (ulong)key, &error);
        Check(error, "contains");
        return found;
    }

    internal static bool Remove(nint index, long key)
    {
        nint error = 0;
        var removed = RawRemove(index, (ulong)key, &error);
        Check(error, "remove");
        return removed > 0;
    }

    internal static bool Get(nint index, long key, Span<float> destination)
    {
        nint error = 0;
        nuint found;
        fixed (float* data = destination)
        {
            found = RawGet(index, (ulong)key, 1, data, ScalarFloat32, &error);
        }

        Check(error, "get");
        return found > 0;
    }

    internal static int Search(nint index, ReadOnlySpan<float> query, Span<ulong> keys, Span<float> distances)
    {
        nint error = 0;
        nuint found;
        fixed (float* queryData = query)
        fixed (ulong* keyData = keys)
        fixed (float* distanceData = distances)
        {
            found = RawSearch(index, queryData, ScalarFloat32, (nuint)keys.Length, keyData, distanceData, &error);
        }

        Check(error, "search");
        return (int)found;
    }

    internal static int FilteredSearch(
        nint index, ReadOnlySpan<float> query, Func<long, bool> filter, Span<ulong> keys, Span<float> distances)
    {
        var state = new FilterState(filter);
        var handle = GCHandle.Alloc(state);
        nint error = 0;
        nuint found;
        try
        {
            fixed (float* queryData = query)
            fixed (ulong* keyData = keys)
            fixed (float* distanceData = distances)
            {
                found = RawFilteredSearch(
                    index,
                    queryData,
                    ScalarFloat32,
                    (nuint)keys.Length,
                    &FilterTrampoline,
                    GCHandle.ToIntPtr(handle),
                    keyData,
                    distanceData,
                    &error);
            }
        }
        finally
        {
            handle.Free();
        }

        if (state.Failure is not null)
        {
            throw new VectorIndexException("The search filter threw.", state.Failure);
        }

        Check(error, "filtered_search");
        return (int)found;
    }

    private static void Check(nint error, string operation)
    {
        if (error != 0)
        {
            throw new VectorIndexException($"USearch {operation} failed: {Marshal.PtrToStringUTF8(error) ?? "unknown error"}.");
        }
    }

    private static byte[] Utf8Path(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(path.Length) + 1];
        var written = Encoding.UTF8.GetBytes(path, bytes);
        bytes[written] = 0;
        return bytes;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int FilterTrampoline(ulong key, nint state)
    {
        var filter = (FilterState)GCHandle.FromIntPtr(state).Target!;
        try
        {
            return filter.Predicate((long)key) ? 1 : 0;
        }
        catch (Exception exception)
        {
            // An exception must not unwind through native frames: keep it, reject the key, rethrow after the call.
            filter.Failure ??= exception;
            return 0;
        }
    }

    private sealed class FilterState(Func<long, bool> predicate)
    {
        public Func<long, bool> Predicate { get; } = predicate;

        public Exception? Failure { get; set; }
    }
}
