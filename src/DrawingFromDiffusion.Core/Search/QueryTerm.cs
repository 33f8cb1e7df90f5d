namespace DrawingFromDiffusion.Core.Search;

/// <summary>One term of a query expression: "2:fox" is (2, "fox"), "- people" is (−1, "people").</summary>
public sealed record QueryTerm(float Weight, string Text);
