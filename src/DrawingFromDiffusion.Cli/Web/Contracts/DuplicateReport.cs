namespace DrawingFromDiffusion.Cli.Web.Contracts;

public sealed record DuplicateReport(IReadOnlyList<DuplicateGroup> Groups, string? Note);
