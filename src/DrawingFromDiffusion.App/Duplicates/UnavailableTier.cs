namespace DrawingFromDiffusion.App.Duplicates;

internal sealed record UnavailableTier(string Tier, string Reason);
