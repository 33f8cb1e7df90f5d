using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.App.Browsing;

/// <summary>`dfd facets` and the web page's filter lists: images per generator, checkpoint, LoRA (with mean weight) and sampler.</summary>
internal static class FacetsService
{
    /// <param name="top">rows per list (at least 1).</param>
    public static GenerationFacets Count(CatalogDatabase database, int top) => new PromptSearch(database).Facets(Math.Max(1, top));
}
