using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Querying;

/// <summary>
/// `dfd search` and `dfd similar`: opens the engine for one query and runs it. Failures the user can act on (no pack,
/// no text tower, the pack or the device failing) come out as <see cref="SearchUnavailableException"/>; a malformed
/// prompt query as <see cref="PromptQueryException"/>; a language the text tower does not take as <see cref="QueryLanguageException"/>.
/// </summary>
internal static class SearchQueryService
{
    public static Task<SearchOutcome> SearchAsync(CatalogDatabase database, EngineOptions engine, ImageQuery query, ILogger? logger, CancellationToken cancellationToken) =>
        RunAsync(database, engine, logger, e => e.SearchAsync(query, cancellationToken));

    public static Task<SearchOutcome> SimilarAsync(CatalogDatabase database, EngineOptions engine, SimilarRequest request, ILogger? logger, CancellationToken cancellationToken) =>
        RunAsync(database, engine, logger, async e =>
        {
            if (request.ImageId is { } known && !e.Catalog.ImageExists(known))
            {
                throw new SearchUnavailableException($"no image {known} in the catalog");
            }

            return await e.SimilarAsync(request.ImageId, request.Path, request.Query, cancellationToken);
        });

    private static async Task<SearchOutcome> RunAsync(CatalogDatabase database, EngineOptions options, ILogger? logger, Func<SearchEngine, Task<SearchOutcome>> run)
    {
        using var engine = SearchEngine.Open(database, options.Pack, options.Device, logger: logger);
        engine.TextPrecision = options.Int8Text ? TextPrecision.Int8 : TextPrecision.Float32;
        engine.QueryLanguage = options.Language;
        engine.IndexProgress = options.IndexProgress;
        try
        {
            return await run(engine);
        }
        catch (Exception ex) when (ex is ModelPackException or GpuUnavailableException)
        {
            throw new SearchUnavailableException(ex.Message);
        }
    }
}
