using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.App.Duplicates;

/// <param name="NeighbourModel">whose vectors nominated pairs, when any did.</param>
internal sealed record VisualSettings(VisualRule Rule, NeighbourNominees? Neighbours, string? NeighbourModel);
