using System.Diagnostics;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Indexing;

/// <summary>
/// The model of an index run, opened before the scan: the scan's decode prepares each new image's model input
/// (<see cref="Analyzer"/>) and hands it to the model stage (<see cref="StartLive"/>) as its row is committed; then
/// <see cref="FinishAsync"/> catches up on every catalogued image still lacking a vector (a new model, a resumed run,
/// an image the scan could not prepare), reading and decoding those once more.
/// </summary>
internal sealed class EmbeddingStep : IAsyncDisposable
{
    private readonly OnnxSessionFactory? _sessions;
    private readonly OnnxImageEmbedder? _embedder;
    private readonly SqliteEmbeddingStore? _vectors;
    private readonly EmbeddingOptions _options;
    private readonly EmbeddingStepResult? _problem;
    private readonly Stopwatch _clock = new();
    private EmbeddingIndexer.LiveEmbedding? _live;

    private EmbeddingStep(EmbeddingRequest request, EmbeddingStepResult? problem, OnnxSessionFactory? sessions = null, OnnxImageEmbedder? embedder = null, SqliteEmbeddingStore? vectors = null)
    {
        _problem = problem;
        _sessions = sessions;
        _embedder = embedder;
        _vectors = vectors;
        _options = new EmbeddingOptions
        {
            Workers = request.Workers,
            MaxPixels = request.MaxPixels,
            RetryFailed = request.RetryFailed,
            Precision = request.Precision,
        };
        Analyzer = embedder is null ? null : new SkiaImageAnalyzer(embedder.Preprocessor, request.MaxPixels);
    }

    /// <summary>The scan's analyzer that also prepares the model's input; null when the model could not be opened.</summary>
    public SkiaImageAnalyzer? Analyzer { get; }

    public static EmbeddingStep Open(CatalogDatabase database, EmbeddingRequest request, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(request);
        var store = ModelStore.Open();
        var id = request.ModelId;
        var pack = id is null ? store.DefaultPack() : store.Find(id);
        if (pack is null)
        {
            return new EmbeddingStep(request, Problem(id is null ? "no model pack found (not even the bundled one); see `dfd doctor`" : $"no pack '{id}' (see `dfd models list`)"));
        }

        var sessions = new OnnxSessionFactory(request.Device, line => logger.LogWarning("{Notice}", line));
        OnnxImageEmbedder? embedder = null;
        try
        {
            embedder = new OnnxImageEmbedder(pack, sessions, Math.Max(1, request.BatchSize));
            var vectors = new SqliteEmbeddingStore(database);
            var stale = vectors.CountStale(pack.Id, embedder.Model.PreprocessRevision);
            if (stale > 0)
            {
                logger.LogWarning(
                    "dfd: {Count} {Pack} vectors were made with an older preprocessing (the pack is now at revision {Revision}); re-embedding them once",
                    stale, pack.Id, embedder.Model.PreprocessRevision);
            }

            return new EmbeddingStep(request, null, sessions, embedder, vectors);
        }
        catch (Exception ex) when (ex is ModelPackException or GpuUnavailableException)
        {
            embedder?.Dispose();
            return new EmbeddingStep(request, Problem(ex.Message));
        }
    }

    /// <summary>Images the model has embedded from the scan's own decode so far.</summary>
    public int EmbeddedDuringScan => _live?.Embedded ?? 0;

    /// <summary>Starts the model stage for inputs the scan prepares; null when the model could not be opened.</summary>
    public IModelInputSink? StartLive()
    {
        if (_embedder is null || _vectors is null)
        {
            return null;
        }

        _clock.Start();
        return _live = new EmbeddingIndexer(_vectors, _embedder).StartLive(_options);
    }

    /// <summary>Finishes what the scan handed over, then embeds every catalogued image still lacking a vector.</summary>
    public async Task<EmbeddingStepResult> FinishAsync(IProgress<EmbeddingProgress>? progress, CancellationToken cancellationToken)
    {
        if (_problem is not null || _embedder is null || _vectors is null)
        {
            return _problem ?? Problem("the model is not open");
        }

        try
        {
            _clock.Start();
            var live = _live is null ? 0 : await _live.CompleteAsync(cancellationToken);
            var summary = await new EmbeddingIndexer(_vectors, _embedder).RunAsync(_options, progress, cancellationToken);
            summary = summary with { Embedded = summary.Embedded + live, Elapsed = _clock.Elapsed };
            return new EmbeddingStepResult(summary, _sessions!.ActiveDevice, null, Failed: false, TextCapable: _embedder.Model.CanEmbedText);
        }
        catch (Exception ex) when (ex is ModelPackException or GpuUnavailableException)
        {
            return Problem(ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_live is not null)
        {
            await _live.DisposeAsync();
        }

        _embedder?.Dispose();
        _vectors?.Dispose();
    }

    private static EmbeddingStepResult Problem(string message) => new(null, null, message, Failed: true, TextCapable: false);
}
