namespace DrawingFromDiffusion.App.Contracts;

/// <param name="ModeUsed">what actually ran, e.g. "prompt" when "text" was asked but no vector index exists.</param>
/// <param name="Note">a sentence for the user when the answer is degraded or partial; null otherwise.</param>
public sealed record SearchResponse(string ModeUsed, string? Note, IReadOnlyList<SearchHit> Results);
