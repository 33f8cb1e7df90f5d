namespace DrawingFromDiffusion.Core.Search;

/// <param name="MeanWeight">for LoRAs: the mean weight over the images that give one.</param>
public sealed record FacetCount(string Value, long Count, double? MeanWeight = null);
