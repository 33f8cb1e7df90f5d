namespace DrawingFromDiffusion.App.Contracts;

/// <summary>
/// The vectors of the clustered images, for a layout computed in the page (UMAP): at most the limit asked for,
/// taken evenly from every cluster. Each vector is L2-normalised, then scaled so its largest component is ±127 and
/// rounded to signed bytes; <see cref="Vectors"/> holds them back to back, base64-encoded.
/// </summary>
/// <param name="Total">how many images the clusters hold (the points are a sample when fewer).</param>
public sealed record ClusterPoints(string? ModelId, int Dimensions, int Total, IReadOnlyList<ClusterPoint> Points, string Vectors);
