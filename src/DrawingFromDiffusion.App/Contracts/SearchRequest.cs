namespace DrawingFromDiffusion.App.Contracts;

/// <summary>A validated text search: <paramref name="Query"/> may be empty (browse, newest first).</summary>
public sealed record SearchRequest(string Query, SearchMode Mode, int K, SearchFilters Filters);
