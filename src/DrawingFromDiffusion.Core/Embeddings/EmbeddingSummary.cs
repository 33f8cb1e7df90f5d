namespace DrawingFromDiffusion.Core.Embeddings;

/// <param name="Failures">path and reason of each image that could not be embedded (recorded; retried when the file changes).</param>
public sealed record EmbeddingSummary(string ModelId, int Embedded, int Failed, TimeSpan Elapsed, IReadOnlyList<(string Path, string Reason)> Failures)
{
    public double ImagesPerSecond => Embedded / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
