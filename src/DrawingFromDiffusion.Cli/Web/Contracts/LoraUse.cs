namespace DrawingFromDiffusion.Cli.Web.Contracts;

public sealed record LoraUse(string Name, double? Weight);
