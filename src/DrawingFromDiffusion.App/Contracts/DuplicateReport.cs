namespace DrawingFromDiffusion.App.Contracts;

public sealed record DuplicateReport(IReadOnlyList<DuplicateGroup> Groups, string? Note);
