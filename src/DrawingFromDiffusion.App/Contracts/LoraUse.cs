namespace DrawingFromDiffusion.App.Contracts;

public sealed record LoraUse(string Name, double? Weight);
