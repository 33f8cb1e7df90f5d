using DrawingFromDiffusion.Core.Embeddings;

namespace DrawingFromDiffusion.App.Indexing;

/// <summary>What the embedding step of `dfd index` did, or why it did nothing.</summary>
internal sealed record EmbeddingStepResult(EmbeddingSummary? Summary, string? Device, string? Problem, bool Failed, bool TextCapable)
{
    public string Describe() => Summary is { } s
        ? $"Embedded {s.Embedded} images with {s.ModelId} on {Device} in {s.Elapsed.TotalSeconds:0.0} s ({s.ImagesPerSecond:0.0} images/s); {s.Failed} failed"
          + (s.FailedUnchanged > 0 ? $", {s.FailedUnchanged} unchanged since an earlier failure skipped" : string.Empty)
          + (s.Failed + s.FailedUnchanged > 0 ? " (see `dfd errors`; retried when the file changes or with --retry-errors)" : string.Empty)
          + (TextCapable ? string.Empty : $"\n  {s.ModelId} has no text tower: text search will use prompts only until a CLIP pack is installed (`dfd models pull clip-vit-b32`)")
        : $"Embedding: {Problem}";

    public object ToJson() => new
    {
        model = Summary?.ModelId,
        device = Device,
        embedded = Summary?.Embedded,
        failed = Summary?.Failed,
        failed_unchanged = Summary?.FailedUnchanged,
        images_per_second = Summary is null ? (double?)null : Math.Round(Summary.ImagesPerSecond, 2),
        text_search = TextCapable,
        problem = Problem,
    };
}
