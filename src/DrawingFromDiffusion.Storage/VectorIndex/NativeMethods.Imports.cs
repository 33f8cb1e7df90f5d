using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.VectorIndex;

namespace DrawingFromDiffusion.Storage.VectorIndex;

/// <summary>The raw C entry points and the options struct they take; the methods of the other part check their errors.</summary>
internal static unsafe partial class NativeMethods
{
    /// <summary><c>usearch_init_options_t</c>: 64 bytes on 64-bit targets.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct InitOptions
    {
        public int MetricKind;
        public nint Metric;
        public int Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        public byte Multi;
    }

    [LibraryImport(Library, EntryPoint = "usearch_version")]
    private static partial nint RawVersion();

    [LibraryImport(Library, EntryPoint = "usearch_init")]
    private static partial nint RawInit(InitOptions* options, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_free")]
    private static partial void RawFree(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_memory_usage")]
    private static partial nuint RawMemoryUsage(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_serialized_length")]
    private static partial nuint RawSerializedLength(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_save")]
    private static partial void RawSave(nint index, byte* path, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_load")]
    private static partial void RawLoad(nint index, byte* path, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_view")]
    private static partial void RawView(nint index, byte* path, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_metadata")]
    private static partial void RawMetadata(byte* path, InitOptions* options, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_size")]
    private static partial nuint RawSize(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_capacity")]
    private static partial nuint RawCapacity(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_dimensions")]
    private static partial nuint RawDimensions(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_connectivity")]
    private static partial nuint RawConnectivity(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_expansion_add")]
    private static partial nuint RawExpansionAdd(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_expansion_search")]
    private static partial nuint RawExpansionSearch(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_reserve")]
    private static partial void RawReserve(nint index, nuint capacity, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_change_expansion_add")]
    private static partial void RawChangeExpansionAdd(nint index, nuint expansion, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_change_expansion_search")]
    private static partial void RawChangeExpansionSearch(nint index, nuint expansion, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_add")]
    private static partial void RawChangeThreadsAdd(nint index, nuint threads, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_search")]
    private static partial void RawChangeThreadsSearch(nint index, nuint threads, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_add")]
    private static partial void RawAdd(nint index, ulong key, void* vector, int vectorKind, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_contains")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool RawContains(nint index, ulong key, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_search")]
    private static partial nuint RawSearch(
        nint index, void* query, int queryKind, nuint count, ulong* keys, float* distances, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_filtered_search")]
    private static partial nuint RawFilteredSearch(
        nint index,
        void* query,
        int queryKind,
        nuint count,
        delegate* unmanaged[Cdecl]<ulong, nint, int> filter,
        nint filterState,
        ulong* keys,
        float* distances,
        nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_get")]
    private static partial nuint RawGet(nint index, ulong key, nuint count, void* vector, int vectorKind, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_remove")]
    private static partial nuint RawRemove(nint index, ulong key, nint* error);
}
