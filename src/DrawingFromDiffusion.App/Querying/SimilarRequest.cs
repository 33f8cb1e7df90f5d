namespace DrawingFromDiffusion.App.Querying;

/// <summary>Images like a catalogued image (<paramref name="ImageId"/>, its stored vector) or like any file (<paramref name="Path"/>, embedded now).</summary>
internal sealed record SimilarRequest(long? ImageId, string? Path, ImageQuery Query);
