namespace DrawingFromDiffusion.Core.Search;

/// <param name="PromptWords">an FTS5 query over the positive prompt: words, "quoted phrases", prefix*, AND/OR/NOT; null for filters only.</param>
public sealed record SearchQuery(string? PromptWords, SearchFilters Filters, int Limit = 50);
