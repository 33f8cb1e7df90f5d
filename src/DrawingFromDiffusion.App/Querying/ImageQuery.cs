using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.App.Querying;

/// <summary>A parsed `dfd search`: text terms (query arithmetic), raw prompt words, an optional outside image, filters and output order.</summary>
/// <param name="PromptWords">an FTS5 query given with --prompt; null to derive the prompt query from <paramref name="Terms"/>.</param>
/// <param name="ImagePath">an outside image mixed into the query vector with weight <paramref name="ImageWeight"/>.</param>
internal sealed record ImageQuery(
    IReadOnlyList<QueryTerm> Terms,
    string? PromptWords,
    string? ImagePath,
    float ImageWeight,
    QueryMode Mode,
    int K,
    SearchFilters Filters,
    Cutoff Cutoff,
    ResultSort Sort,
    int? RandomSeed = null);
