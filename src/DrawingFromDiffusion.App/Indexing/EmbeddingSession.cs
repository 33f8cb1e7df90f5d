using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Indexing;

/// <summary>
/// The pack's image tower, loaded once, and the embedding pass it runs: every catalogued image lacking a vector for the
/// model. `dfd index` runs it once; `dfd watch` keeps it open across batches, so an arrival does not reload the model.
/// </summary>
internal sealed class EmbeddingSession : IDisposable
{
    private readonly EmbeddingRequest _request;
    private readonly ILogger _logger;
    private readonly OnnxSessionFactory? _sessions;
    private readonly OnnxImageEmbedder? _embedder;
    private readonly string? _problem;

    private EmbeddingSession(EmbeddingRequest request, ILogger logger, OnnxSessionFactory? sessions, OnnxImageEmbedder? embedder, string? problem)
    {
        _request = request;
        _logger = logger;
        _sessions = sessions;
        _embedder = embedder;
        _problem = problem;
    }

    /// <summary>Loads the pack's image tower; a missing or broken pack gives a session whose runs report why.</summary>
    public static EmbeddingSession Open(EmbeddingRequest request, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(request);
        var store = ModelStore.Open();
        var id = request.ModelId;
        var pack = id is null ? store.DefaultPack() : store.Find(id);
        if (pack is null)
        {
            return new(request, logger, null, null, id is null ? "no model pack found (not even the bundled one); see `dfd doctor`" : $"no pack '{id}' (see `dfd models list`)");
        }

        var sessions = new OnnxSessionFactory(request.Device, line => logger.LogWarning("{Notice}", line));
        try
        {
            return new(request, logger, sessions, new OnnxImageEmbedder(pack, sessions, Math.Max(1, request.BatchSize)), null);
        }
        catch (Exception ex) when (ex is ModelPackException or GpuUnavailableException)
        {
            return new(request, logger, null, null, ex.Message);
        }
    }

    public async Task<EmbeddingStepResult> RunAsync(CatalogDatabase database, IProgress<EmbeddingProgress>? progress, CancellationToken cancellationToken)
    {
        if (_embedder is null)
        {
            return new EmbeddingStepResult(null, null, _problem, Failed: true, TextCapable: false);
        }

        try
        {
            using var vectors = new SqliteEmbeddingStore(database);
            var stale = vectors.CountStale(_embedder.Model.Id, _embedder.Model.PreprocessRevision);
            if (stale > 0)
            {
                _logger.LogWarning(
                    "dfd: {Count} {Pack} vectors were made with an older preprocessing (the pack is now at revision {Revision}); re-embedding them once",
                    stale, _embedder.Model.Id, _embedder.Model.PreprocessRevision);
            }

            var options = new EmbeddingOptions
            {
                Workers = _request.Workers,
                MaxPixels = _request.MaxPixels,
                RetryFailed = _request.RetryFailed,
                Precision = _request.Precision,
            };
            var summary = await new EmbeddingIndexer(vectors, _embedder).RunAsync(options, progress, cancellationToken);
            return new EmbeddingStepResult(summary, _sessions!.ActiveDevice, null, Failed: false, TextCapable: _embedder.Model.CanEmbedText);
        }
        catch (Exception ex) when (ex is ModelPackException or GpuUnavailableException)
        {
            return new EmbeddingStepResult(null, null, ex.Message, Failed: true, TextCapable: false);
        }
    }

    public void Dispose() => _embedder?.Dispose();
}
