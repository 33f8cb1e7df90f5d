namespace DrawingFromDiffusion.App.Export;

/// <param name="WithVectors">add each image's embedding, of <paramref name="Model"/> (default: the model with the most vectors).</param>
internal sealed record ExportRequest(bool WithVectors, string? Model);
