using DrawingFromDiffusion.App.Indexing;
using DrawingFromDiffusion.App.Progress;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Onnx.Video;
using DrawingFromDiffusion.Storage.PostgreSql;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.PostgreSql;

/// <summary>`dfd index` on a PostgreSQL catalog: the same scanner and embedding pass, writing through the PostgreSQL ports.</summary>
internal static class PgIndexService
{
    public static async Task<ScanSummary> ScanAsync(IImageCatalog catalog, ScanOptions options, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var scanner = new LibraryScanner(catalog, new SkiaImageAnalyzer(), new MetadataReader(new SkiaStealthTextReader()), new FfmpegVideoSampler());
        var relay = progress is null ? null : new ProgressRelay<ScanProgress>(p => progress.Report(IndexService.Stage(p)));
        try
        {
            return await scanner.ScanAsync(options, relay, cancellationToken);
        }
        finally
        {
            relay?.Close();
        }
    }

    /// <param name="store">every image lacking a vector (<see cref="PgEmbeddingStore"/> without paths) or a worker's batch.</param>
    public static async Task<EmbeddingStepResult> EmbedAsync(IEmbeddingStore store, EmbeddingRequest request, IProgress<StageProgress>? progress, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var packs = ModelStore.Open();
        var pack = request.ModelId is null ? packs.DefaultPack() : packs.Find(request.ModelId);
        if (pack is null)
        {
            return new EmbeddingStepResult(null, null, request.ModelId is null ? "no model pack found (not even the bundled one); see `dfd doctor`" : $"no pack '{request.ModelId}' (see `dfd models list`)", Failed: true, TextCapable: false);
        }

        var sessions = new OnnxSessionFactory(request.Device, line => logger.LogWarning("{Notice}", line));
        var relay = progress is null ? null : new ProgressRelay<EmbeddingProgress>(p => progress.Report(IndexService.Stage(p)));
        try
        {
            using var embedder = new OnnxImageEmbedder(pack, sessions, Math.Max(1, request.BatchSize));
            var options = new EmbeddingOptions { Workers = request.Workers, MaxPixels = request.MaxPixels, RetryFailed = request.RetryFailed, Precision = request.Precision };
            var summary = await new EmbeddingIndexer(store, embedder).RunAsync(options, relay, cancellationToken);
            return new EmbeddingStepResult(summary, sessions.ActiveDevice, null, Failed: false, TextCapable: embedder.Model.CanEmbedText);
        }
        catch (Exception ex) when (ex is ModelPackException or GpuUnavailableException)
        {
            return new EmbeddingStepResult(null, null, ex.Message, Failed: true, TextCapable: false);
        }
        finally
        {
            relay?.Close();
        }
    }
}
