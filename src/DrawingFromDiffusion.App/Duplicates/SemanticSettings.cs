namespace DrawingFromDiffusion.App.Duplicates;

/// <param name="MaxCosine">largest cosine distance that links two images.</param>
internal sealed record SemanticSettings(string Model, double MaxCosine);
