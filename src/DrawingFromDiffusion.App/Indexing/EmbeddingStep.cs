using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Indexing;

/// <summary>The embedding pass of an index run: every catalogued image lacking a vector for the model.</summary>
internal static class EmbeddingStep
{
    public static async Task<EmbeddingStepResult> RunAsync(CatalogDatabase database, EmbeddingRequest request, IProgress<EmbeddingProgress>? progress, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var store = ModelStore.Open();
        var id = request.ModelId;
        var pack = id is null ? store.DefaultPack() : store.Find(id);
        if (pack is null)
        {
            return new EmbeddingStepResult(null, null, id is null ? "no model pack found (not even the bundled one); see `dfd doctor`" : $"no pack '{id}' (see `dfd models list`)", Failed: true, TextCapable: false);
        }

        var sessions = new OnnxSessionFactory(request.Device, line => logger.LogWarning("{Notice}", line));
        try
        {
            using var embedder = new OnnxImageEmbedder(pack, sessions, Math.Max(1, request.BatchSize));
            using var vectors = new SqliteEmbeddingStore(database);
            var stale = vectors.CountStale(pack.Id, embedder.Model.PreprocessRevision);
            if (stale > 0)
            {
                logger.LogWarning(
                    "dfd: {Count} {Pack} vectors were made with an older preprocessing (the pack is now at revision {Revision}); re-embedding them once",
                    stale, pack.Id, embedder.Model.PreprocessRevision);
            }

            var options = new EmbeddingOptions
            {
                Workers = request.Workers,
                MaxPixels = request.MaxPixels,
                RetryFailed = request.RetryFailed,
                Precision = request.Precision,
            };
            var summary = await new EmbeddingIndexer(vectors, embedder).RunAsync(options, progress, cancellationToken);
            return new EmbeddingStepResult(summary, sessions.ActiveDevice, null, Failed: false, TextCapable: embedder.Model.CanEmbedText);
        }
        catch (Exception ex) when (ex is ModelPackException or GpuUnavailableException)
        {
            return new EmbeddingStepResult(null, null, ex.Message, Failed: true, TextCapable: false);
        }
    }
}
