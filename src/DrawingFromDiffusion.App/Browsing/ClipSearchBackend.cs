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
/// The real search behind `dfd serve`: CLIP text and hybrid search, "more like this" from stored vectors and search by
/// an uploaded image through the pack's image tower (<see cref="SearchEngine"/>); facets from the prompt index. An empty
/// query (browse) is answered by the catalog-only backend.
/// </summary>
internal sealed class ClipSearchBackend(SearchEngine engine, ReadOnlyCatalog catalog) : ISearchBackend
{
    /// <summary>How often the long-lived index catches up with vectors a concurrent `dfd index` added.</summary>
    private static readonly TimeSpan _refreshEvery = TimeSpan.FromSeconds(30);

    private readonly CatalogOnlySearchBackend _browse = new(catalog);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private long _lastRefresh = Stopwatch.GetTimestamp();

    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            return await _browse.SearchAsync(request, cancellationToken);
        }

        await RefreshAsync(cancellationToken);
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

    public async Task<SearchResponse> SimilarAsync(long imageId, int k, WebFilters filters, CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
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
        await RefreshAsync(cancellationToken);
        using var stream = new MemoryStream(image.Bytes.ToArray(), writable: false);
        var query = new ImageQuery([], null, null, 1f, QueryMode.Clip, k, filters.ToCatalogFilters(), Cutoff.None, ResultSort.Score);
        return Response(await engine.SimilarToImageAsync(stream, query, cancellationToken)) with { ModeUsed = "image" };
    }

    public async Task<Facets> FacetsAsync(CancellationToken cancellationToken)
    {
        var standIn = await _browse.FacetsAsync(cancellationToken);
        var facets = await Task.Run(() => new PromptSearch(catalog.Database).Facets(200), cancellationToken);
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

    /// <summary>A video stands as its best-matching frame, as the catalog-only backend answers: the page shows that frame and plays from its moment.</summary>
    private static SearchHit Hit(ResultItem item)
    {
        var row = item.Row;
        var prompt = row.Prompt is null ? null : HitRows.Shorten(row.Prompt);
        return item.BestFrame is { } frame
            ? new(frame.FrameId, item.Score, item.Why, row.Width, row.Height, row.Format, row.Generator, row.Model, prompt, "video_frame", row.ImageId, frame.TimestampMs)
            : new(row.ImageId, item.Score, item.Why, row.Width, row.Height, row.Format, row.Generator, row.Model, prompt);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
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
