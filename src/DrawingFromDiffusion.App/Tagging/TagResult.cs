namespace DrawingFromDiffusion.App.Tagging;

/// <param name="Picked">tags stored over all images.</param>
internal sealed record TagResult(string PackId, int Tagged, int Failed, int Picked, float General, float Character);
