namespace DrawingFromDiffusion.Core.Embeddings;

/// <param name="Failures">path and reason of each image that could not be embedded (recorded; retried when the file changes).</param>
public sealed record EmbeddingSummary(string ModelId, int Embedded, int Failed, TimeSpan Elapsed, IReadOnlyList<(string Path, string Reason)> Failures)
{
    /// <summary>Images left out because their file failed before and has not changed (see <see cref="EmbeddingOptions.RetryFailed"/>).</summary>
    public int FailedUnchanged { get; init; }

    public double ImagesPerSecond => Embedded / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
