namespace DrawingFromDiffusion.Cli.Web.Contracts;

public sealed record FacetCount(string Value, long Count);
