namespace DrawingFromDiffusion.Core.Grids;

/// <summary>One catalogued image's generation parameters, as a comparison grid needs them.</summary>
/// <param name="Loras">the LoRAs used, "name:weight" sorted and joined by "+"; empty for none.</param>
public sealed record GenerationParameters(long ImageId, string Prompt, string? Checkpoint, long? Seed, double? Cfg, string Loras, int? Steps, string? Sampler, int? Width, int? Height);
