using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Onnx.Execution;

namespace DrawingFromDiffusion.App.Indexing;

/// <summary>What the embedding pass runs: the pack (null: the default one), where and how it runs, and which images it retries.</summary>
internal sealed record EmbeddingRequest(string? ModelId, DeviceOptions Device, int BatchSize, VectorPrecision Precision, int Workers, long MaxPixels, bool RetryFailed);
