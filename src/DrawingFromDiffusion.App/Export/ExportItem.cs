using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.App.Export;

/// <summary>One catalogued file and what the analyses know about it.</summary>
/// <param name="Tier">the tier that linked it to its group; null for the keeper.</param>
internal sealed record ExportItem(FileRecord Record, int? Group, string? Tier, bool? Keeper, int? Cluster, double? Adherence, string? AdherenceModel, float[]? Vector);
