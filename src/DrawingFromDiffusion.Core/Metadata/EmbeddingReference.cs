namespace DrawingFromDiffusion.Core.Metadata;

/// <summary>A textual-inversion embedding used by the prompt.</summary>
public sealed record EmbeddingReference(string Name, string? Hash);
