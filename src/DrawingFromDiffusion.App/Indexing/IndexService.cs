using DrawingFromDiffusion.App.Progress;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Onnx.Video;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Indexing;

/// <summary>
/// `dfd index` in its two steps: the scan (files, hashes, metadata, thumbnails into the catalog; incremental and
/// resumable) and then the embedding of every catalogued image lacking a vector for the model.
/// </summary>
internal static class IndexService
{
    /// <summary>Opens the model before the scan, so the scan's decode feeds it (see <see cref="EmbeddingStep"/>).</summary>
    public static EmbeddingStep OpenModel(CatalogDatabase database, EmbeddingRequest request, ILogger logger) => EmbeddingStep.Open(database, request, logger);

    /// <param name="progress">the scan's counts as it goes (stage "scan").</param>
    /// <param name="model">the run's model, which then embeds each new image from the scan's own decode; null for a catalog-only scan.</param>
    public static async Task<ScanSummary> ScanAsync(CatalogDatabase database, ScanOptions options, IProgress<StageProgress>? progress, CancellationToken cancellationToken, EmbeddingStep? model = null)
    {
        using var catalog = new SqliteImageCatalog(database);
        var analyzer = (IImageAnalyzer?)model?.Analyzer ?? new SkiaImageAnalyzer();
        var scanner = new LibraryScanner(catalog, analyzer, new MetadataReader(new SkiaStealthTextReader()), new FfmpegVideoSampler())
        {
            ModelInputs = model?.StartLive(),
        };
        // With a model the scan goes at the model's pace (the writer waits for it), so its line says what the model did too.
        var relay = progress is null ? null : new ProgressRelay<ScanProgress>(p => progress.Report(
            model?.Analyzer is null ? Stage(p) : Stage(p) with { Note = $"errors {p.Failed}, embedded {model.EmbeddedDuringScan}" }));
        try
        {
            return await scanner.ScanAsync(options, relay, cancellationToken);
        }
        finally
        {
            relay?.Close();
        }
    }

    /// <summary>Finishes the embeddings the scan started, then catches up on catalogued images still lacking a vector.</summary>
    /// <param name="progress">images embedded so far by the catch-up (stage "embedding").</param>
    public static async Task<EmbeddingStepResult> EmbedAsync(EmbeddingStep model, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var relay = progress is null ? null : new ProgressRelay<EmbeddingProgress>(p => progress.Report(Stage(p)));
        try
        {
            return await model.FinishAsync(relay, cancellationToken);
        }
        finally
        {
            relay?.Close();
        }
    }

    /// <summary>The embedding pass with a tower already loaded (`dfd watch` runs one per batch).</summary>
    public static async Task<EmbeddingStepResult> EmbedAsync(CatalogDatabase database, EmbeddingSession session, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var relay = progress is null ? null : new ProgressRelay<EmbeddingProgress>(p => progress.Report(Stage(p)));
        try
        {
            return await session.RunAsync(database, relay, cancellationToken);
        }
        finally
        {
            relay?.Close();
        }
    }

    /// <summary>
    /// Forgets the catalogued files at or under <paramref name="paths"/> that are no longer on disk (a watched file or
    /// folder deleted or moved away); content left without a file is pruned as a scan prunes it. Returns the files removed.
    /// </summary>
    public static async Task<int> RemoveGoneAsync(CatalogDatabase database, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        using var catalog = new SqliteImageCatalog(database);
        var snapshot = await catalog.LoadSnapshotAsync(paths, cancellationToken);
        var missing = snapshot.Files.Keys.Concat(snapshot.Errors.Keys).Distinct().Where(p => !File.Exists(p)).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        var removal = await catalog.RemoveMissingAsync(missing, cancellationToken);
        return removal.RemovedFileHashes.Count;
    }

    internal static StageProgress Stage(ScanProgress p) =>
        new("scan", p.Done, p.Found, "files") { Skipped = p.Skipped, TotalFinal = p.WalkFinished, Note = $"errors {p.Failed}" };

    internal static StageProgress Stage(EmbeddingProgress p) =>
        new("embedding", p.Embedded + p.Failed, p.Total, "images") { Note = $"failed {p.Failed}" };
}
