using DrawingFromDiffusion.App.Contracts;

namespace DrawingFromDiffusion.App.Browsing;

/// <summary>
/// The search side of the web API. The endpoints validate every argument (k in 1..200, query ≤ 1000 chars,
/// ids known, uploads decoded under the pixel cap) before calling, so implementations can trust them.
/// <see cref="CatalogOnlySearchBackend"/> answers from the catalog alone until the vector index and FTS land.
/// </summary>
public interface ISearchBackend
{
    Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken);

    /// <summary>Images like the catalog image <paramref name="imageId"/> (known to exist), itself excluded.</summary>
    Task<SearchResponse> SimilarAsync(long imageId, int k, SearchFilters filters, CancellationToken cancellationToken);

    Task<SearchResponse> ImageSearchAsync(QueryImage image, int k, SearchFilters filters, CancellationToken cancellationToken);

    Task<Facets> FacetsAsync(CancellationToken cancellationToken);
}
