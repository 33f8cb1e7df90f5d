using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Core.Metadata;
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
    /// <param name="progress">the scan's counts as it goes.</param>
    public static async Task<ScanSummary> ScanAsync(CatalogDatabase database, ScanOptions options, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        using var catalog = new SqliteImageCatalog(database);
        var scanner = new LibraryScanner(catalog, new SkiaImageAnalyzer(), new MetadataReader(new SkiaStealthTextReader()), new FfmpegVideoSampler());
        return await scanner.ScanAsync(options, progress, cancellationToken);
    }

    /// <param name="progress">images embedded so far.</param>
    public static Task<EmbeddingStepResult> EmbedAsync(CatalogDatabase database, EmbeddingRequest request, IProgress<EmbeddingProgress>? progress, ILogger logger, CancellationToken cancellationToken) =>
        EmbeddingStep.RunAsync(database, request, progress, logger, cancellationToken);
}
