namespace DrawingFromDiffusion.App.Contracts;

/// <param name="Terms">the distinctive prompt words or style words that label the cluster.</param>
/// <param name="Sample">images for a contact sheet, nearest the centre first, with their file names.</param>
public sealed record ClusterInfo(int Id, string Label, int Size, IReadOnlyList<string> Terms, IReadOnlyList<ClusterImage> Sample);
