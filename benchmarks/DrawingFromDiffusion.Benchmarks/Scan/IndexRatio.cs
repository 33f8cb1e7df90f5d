using System.Diagnostics;
using System.Globalization;
using DrawingFromDiffusion.App.Indexing;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace DrawingFromDiffusion.Benchmarks.Scan;

/// <summary>
/// `dfd index` end to end against the model alone (issue 14 goal 1), in one process on the same files and threads:
/// model-only (tensors prepared beforehand, untimed), the two-decode flow (scan, then the embedding pass reading and
/// decoding every image again: what `dfd index` did before) and the one-decode flow (the scan's decode feeds the model).
/// Each is timed in wall time and in this process's CPU time, so the ratios can be read on a loaded machine.
/// </summary>
public static class IndexRatio
{
    public static int Run(string[] args)
    {
        var folder = Path.GetFullPath(args[0]);
        var packId = args[1];
        var count = int.Parse(args[2], CultureInfo.InvariantCulture);
        var threads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var rounds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1;
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(FormatSniffer.HasImageExtension)
            .Order(StringComparer.Ordinal).Take(count).ToArray();
        var subset = Path.Combine(Path.GetTempPath(), $"dfd-index-ratio-{Environment.ProcessId}");
        Directory.CreateDirectory(subset);
        foreach (var file in files)
        {
            File.CreateSymbolicLink(Path.Combine(subset, Path.GetFileName(file)), file);
        }

        var pack = ModelStore.Open().Find(packId) ?? throw new InvalidOperationException($"no pack {packId}");
        var device = new DeviceOptions("cpu", Threads: threads);
        var request = new EmbeddingRequest(packId, device, 8, VectorPrecision.Float16, threads, 100_000_000, false);
        var scan = new ScanOptions { Roots = [subset], Workers = threads };
        Console.WriteLine($"pack {packId}, {files.Length} files, {threads} threads (ORT intra-op and decode workers), {Environment.ProcessorCount} cores, load {Load()}");
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                var modelOnly = ModelOnly(pack, device, files);
                var twoDecodes = TwoDecodes(scan, request).GetAwaiter().GetResult();
                var oneDecode = OneDecode(scan, request).GetAwaiter().GetResult();
                Console.WriteLine($"round {round} (load {Load()}):");
                Row("model only (inference on prepared tensors)", modelOnly, modelOnly, files.Length);
                Row("two decodes (scan, then embedding pass)", twoDecodes, modelOnly, files.Length);
                Row("one decode (scan feeds the model)", oneDecode, modelOnly, files.Length);
            }
        }
        finally
        {
            Directory.Delete(subset, recursive: true);
        }

        return 0;
    }

    private static void Row(string name, (TimeSpan Wall, TimeSpan Cpu, int Embedded) run, (TimeSpan Wall, TimeSpan Cpu, int Embedded) model, int files) =>
        Console.WriteLine(
            $"| {name} | {run.Embedded} | {run.Wall.TotalSeconds:0.0} s | {run.Cpu.TotalMilliseconds / files:0.0} ms | " +
            $"{files / run.Wall.TotalSeconds:0.00} img/s | {model.Cpu / run.Cpu:0.00} | {model.Wall / run.Wall:0.00} |");

    /// <summary>Wall and CPU time of this process from a start point; session creation and preparation stay outside.</summary>
    private sealed class Span
    {
        private readonly Stopwatch _clock = new();
        private TimeSpan _cpu;

        public void Start()
        {
            _cpu -= Process.GetCurrentProcess().TotalProcessorTime;
            _clock.Start();
        }

        public void Stop()
        {
            _clock.Stop();
            _cpu += Process.GetCurrentProcess().TotalProcessorTime;
        }

        public (TimeSpan Wall, TimeSpan Cpu, int Embedded) Result(int embedded) => (_clock.Elapsed, _cpu, embedded);
    }

    private static (TimeSpan Wall, TimeSpan Cpu, int Embedded) ModelOnly(ModelPack pack, DeviceOptions device, string[] files)
    {
        using var embedder = new OnnxImageEmbedder(pack, new OnnxSessionFactory(device), 8);
        var tensors = files.Select(f => embedder.Prepare(new MemoryStream(File.ReadAllBytes(f)), long.MaxValue)).ToList();
        embedder.Embed(tensors.Take(embedder.BatchSize).ToList());
        var span = new Span();
        span.Start();
        for (var i = 0; i < tensors.Count; i += embedder.BatchSize)
        {
            embedder.Embed(tensors.Skip(i).Take(embedder.BatchSize).ToList());
        }

        span.Stop();
        return span.Result(tensors.Count);
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu, int Embedded)> TwoDecodes(ScanOptions scan, EmbeddingRequest request)
    {
        var database = Fresh();
        var span = new Span();
        span.Start();
        await IndexService.ScanAsync(database, scan, null, CancellationToken.None);
        span.Stop();
        await using var model = IndexService.OpenModel(database, request, NullLogger.Instance);
        span.Start();
        var result = await IndexService.EmbedAsync(model, null, CancellationToken.None);
        span.Stop();
        return span.Result(result.Summary?.Embedded ?? throw new InvalidOperationException(result.Problem));
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu, int Embedded)> OneDecode(ScanOptions scan, EmbeddingRequest request)
    {
        var database = Fresh();
        await using var model = IndexService.OpenModel(database, request, NullLogger.Instance);
        var span = new Span();
        span.Start();
        await IndexService.ScanAsync(database, scan, null, CancellationToken.None, model);
        var result = await IndexService.EmbedAsync(model, null, CancellationToken.None);
        span.Stop();
        return span.Result(result.Summary?.Embedded ?? throw new InvalidOperationException(result.Problem));
    }

    private static CatalogDatabase Fresh()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dfd-index-ratio-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        return CatalogDatabase.Open(path);
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
