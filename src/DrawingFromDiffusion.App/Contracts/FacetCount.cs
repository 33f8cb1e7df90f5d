namespace DrawingFromDiffusion.App.Contracts;

public sealed record FacetCount(string Value, long Count);
