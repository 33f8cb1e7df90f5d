namespace DrawingFromDiffusion.App.Contracts;

/// <summary>One page of the duplicate groups, largest first.</summary>
/// <param name="Total">how many groups there are in all.</param>
/// <param name="Offset">the position of this page's first group among all of them.</param>
/// <param name="Files">how many files the groups hold in all, keepers included.</param>
public sealed record DuplicateReport(IReadOnlyList<DuplicateGroup> Groups, int Total, int Offset, int Files, string? Note);
