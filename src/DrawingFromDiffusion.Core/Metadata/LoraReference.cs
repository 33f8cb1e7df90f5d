namespace DrawingFromDiffusion.Core.Metadata;

/// <summary>A LoRA (or LyCORIS) applied to the generation; <paramref name="Weight"/> is the model strength.</summary>
public sealed record LoraReference(string Name, double? Weight, string? Hash = null);
