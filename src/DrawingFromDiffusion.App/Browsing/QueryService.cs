using System.Diagnostics;
using System.Globalization;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.App.Contracts;
using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Storage;
using FacetCount = DrawingFromDiffusion.App.Contracts.FacetCount;
using WebFilters = DrawingFromDiffusion.App.Contracts.SearchFilters;

namespace DrawingFromDiffusion.App.Browsing;

/// <summary>
/// Search for the web API. With a <see cref="SearchEngine"/> whose pack has vectors in the catalog: CLIP text and hybrid
/// search, "more like this" from stored vectors and search by an uploaded image through the pack's image tower; facets
/// from the prompt index. Without one (<see cref="Capabilities"/> says so and why), or for an empty query (browse), the
/// catalog alone answers (<see cref="CatalogSearch"/>): prompt words and perceptual hashes.
/// </summary>
public sealed class QueryService : IDisposable
{
    /// <summary>How often the long-lived index catches up with vectors a concurrent `dfd index` added.</summary>
    private static readonly TimeSpan _refreshEvery = TimeSpan.FromSeconds(30);

    private readonly SearchEngine? _engine;
    private readonly ReadOnlyCatalog _catalog;
    private readonly CatalogSearch _browse;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private long _lastRefresh = Stopwatch.GetTimestamp();

    /// <param name="engine">the engine to search vectors with; ignored (catalog-only answers) when the catalog holds none of its pack's vectors.</param>
    internal QueryService(ReadOnlyCatalog catalog, SearchEngine? engine)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _browse = new CatalogSearch(catalog);
        _engine = engine is { Pack: { } pack } && engine.Catalog.EmbeddedModels().Any(m => m.ModelId == pack.Id) ? engine : null;
        Capabilities = _engine is null
            ? new SearchCapabilities(false, false, "no vectors in this catalog for an installed pack: text search matches prompt words, similar ranks by perceptual hash (run dfd index to embed)")
            : new SearchCapabilities(true, _engine.CanEmbedText, $"search uses the {_engine.Pack!.Id} vectors{(_engine.CanEmbedText ? " (text, hybrid, similar, by image)" : " (similar and by image; text searches prompts)")}");
    }

    /// <summary>What this catalog and pack can answer, and why not more.</summary>
    public SearchCapabilities Capabilities { get; }

    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Query) || _engine is not { } engine)
        {
            return await _browse.SearchAsync(request, cancellationToken);
        }

        await RefreshAsync(engine, cancellationToken);
        var mode = request.Mode switch
        {
            SearchMode.Text => QueryMode.Clip,
            SearchMode.Prompt => QueryMode.Prompt,
            SearchMode.Hybrid => QueryMode.Hybrid,
            _ => QueryMode.Auto,
        };
        if (mode is QueryMode.Clip or QueryMode.Hybrid && !engine.CanEmbedText)
        {
            mode = QueryMode.Auto;
        }

        var query = new ImageQuery(QueryExpression.Parse(request.Query), null, null, 1f, mode, request.K, request.Filters.ToCatalogFilters(), Cutoff.Auto, ResultSort.Score);
        try
        {
            return Response(await engine.SearchAsync(query, cancellationToken));
        }
        catch (PromptQueryException ex)
        {
            return new SearchResponse("prompt", ex.Message, []);
        }
    }

    /// <summary>Images like the catalog image <paramref name="imageId"/> (known to exist), itself excluded.</summary>
    public async Task<SearchResponse> SimilarAsync(long imageId, int k, WebFilters filters, CancellationToken cancellationToken)
    {
        if (_engine is not { } engine)
        {
            return await _browse.SimilarAsync(imageId, k, filters, cancellationToken);
        }

        await RefreshAsync(engine, cancellationToken);
        var query = new ImageQuery([], null, null, 1f, QueryMode.Clip, k, filters.ToCatalogFilters(), Cutoff.None, ResultSort.Score);
        try
        {
            return Response(await engine.SimilarAsync(imageId, null, query, cancellationToken));
        }
        catch (SearchUnavailableException)
        {
            return await _browse.SimilarAsync(imageId, k, filters, cancellationToken);
        }
    }

    public async Task<SearchResponse> ImageSearchAsync(QueryImage image, int k, WebFilters filters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (_engine is not { } engine)
        {
            return await _browse.ImageSearchAsync(image, k, filters, cancellationToken);
        }

        await RefreshAsync(engine, cancellationToken);
        using var stream = new MemoryStream(image.Bytes.ToArray(), writable: false);
        var query = new ImageQuery([], null, null, 1f, QueryMode.Clip, k, filters.ToCatalogFilters(), Cutoff.None, ResultSort.Score);
        return Response(await engine.SimilarToImageAsync(stream, query, cancellationToken)) with { ModeUsed = "image" };
    }

    public async Task<Facets> FacetsAsync(CancellationToken cancellationToken)
    {
        var standIn = await _browse.FacetsAsync(cancellationToken);
        if (_engine is not { } engine)
        {
            return standIn;
        }

        var facets = await Task.Run(() => FacetsService.Count(_catalog.Database, 200), cancellationToken);
        return standIn with
        {
            Generators = facets.Generators.Select(f => new FacetCount(f.Value, f.Count)).ToList(),
            Checkpoints = facets.Models.Select(f => new FacetCount(f.Value, f.Count)).ToList(),
            Loras = facets.Loras.Select(f => new FacetCount(f.Value, f.Count)).ToList(),
            Modes = engine.CanEmbedText ? ["auto", "text", "prompt", "hybrid"] : ["auto", "prompt"],
        };
    }

    private static SearchResponse Response(SearchOutcome outcome) =>
        new(outcome.Mode == "clip" ? "text" : outcome.Mode, outcome.Note, outcome.Results.Select(Hit).ToList());

    /// <summary>A video stands as its best-matching frame, as the catalog-only search answers: the page shows that frame and plays from its moment.</summary>
    private static SearchHit Hit(ResultItem item)
    {
        var row = item.Row;
        var prompt = row.Prompt is null ? null : HitRows.Shorten(row.Prompt);
        return item.BestFrame is { } frame
            ? new(frame.FrameId, item.Score, item.Why, row.Width, row.Height, row.Format, row.Generator, row.Model, prompt, "video_frame", row.ImageId, frame.TimestampMs, Name(row.Path))
            : new(row.ImageId, item.Score, item.Why, row.Width, row.Height, row.Format, row.Generator, row.Model, prompt, Name: Name(row.Path));
    }

    private static string? Name(string? path) => string.IsNullOrEmpty(path) ? null : Path.GetFileName(path);

    /// <summary>The catalog changed (a watched folder's batch): the next vector query catches up first instead of within 30 s.</summary>
    public void CatalogChanged() => Interlocked.Exchange(ref _lastRefresh, 0);

    public void Dispose() => _refresh.Dispose();

    private async Task RefreshAsync(SearchEngine engine, CancellationToken cancellationToken)
    {
        if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastRefresh)) < _refreshEvery || !await _refresh.WaitAsync(0, cancellationToken))
        {
            return;
        }

        try
        {
            var index = await engine.IndexAsync(cancellationToken);
            await index.RefreshAsync(null, cancellationToken);
            Interlocked.Exchange(ref _lastRefresh, Stopwatch.GetTimestamp());
        }
        finally
        {
            _refresh.Release();
        }
    }
}
