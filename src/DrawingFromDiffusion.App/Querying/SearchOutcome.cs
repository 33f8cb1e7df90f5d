namespace DrawingFromDiffusion.App.Querying;

/// <summary>What ran and what it found: <paramref name="Mode"/> is clip, prompt, hybrid or similar; <paramref name="Note"/> says why when it differs from what was asked.</summary>
/// <param name="Cut">results dropped by the relevance cut-off.</param>
internal sealed record SearchOutcome(string Mode, string? Model, string? Note, string Cutoff, int Cut, IReadOnlyList<ResultItem> Results);
