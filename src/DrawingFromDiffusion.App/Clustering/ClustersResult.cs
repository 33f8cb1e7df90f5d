namespace DrawingFromDiffusion.App.Clustering;

/// <summary>What <see cref="ClustersService"/> computed and stored.</summary>
/// <param name="Sheets">the map and contact sheets written to the request's OutDir (empty when none was asked).</param>
/// <param name="Notices">what the user should know (e.g. no style words because the text tower did not load).</param>
internal sealed record ClustersResult(ClustersRun Run, IReadOnlyList<string> Sheets, IReadOnlyList<string> Notices);
