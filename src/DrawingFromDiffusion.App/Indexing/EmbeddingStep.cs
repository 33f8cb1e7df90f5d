using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Indexing;

/// <summary>The embedding pass of an index run: every catalogued image lacking a vector for the model.</summary>
internal static class EmbeddingStep
{
    public static async Task<EmbeddingStepResult> RunAsync(CatalogDatabase database, EmbeddingRequest request, IProgress<EmbeddingProgress>? progress, ILogger logger, CancellationToken cancellationToken)
    {
        using var session = EmbeddingSession.Open(request, logger);
        return await session.RunAsync(database, progress, cancellationToken);
    }
}
