using System.Numerics.Tensors;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Querying;

/// <summary>
/// `dfd adherence`: cosine between each image's vector and its own stored prompt through the same pack's text tower,
/// stored in the catalog so that search can sort and filter by it.
/// </summary>
internal static class AdherenceService
{
    /// <exception cref="SearchUnavailableException">no CLIP pack with a text tower, or the pack or device failed.</exception>
    public static async Task<AdherenceResult> RunAsync(CatalogDatabase database, AdherenceRequest request, ILogger? logger, CancellationToken cancellationToken)
    {
        using var engine = SearchEngine.Open(database, request.Pack, request.Device, logger: logger);
        if (engine.Pack is not { HasText: true } clip)
        {
            throw new SearchUnavailableException($"adherence needs a CLIP pack with a text tower: {engine.PackProblem ?? $"pack '{engine.Pack?.Id}' has no text tower"}; {SearchEngine.PullHint}, then dfd index");
        }

        List<(long ImageId, double Score)> scores;
        try
        {
            var index = await engine.IndexAsync(cancellationToken);
            var prompts = engine.Catalog.PromptsWithVectors(clip.Id);
            scores = new List<(long, double)>(prompts.Count);
            foreach (var (imageId, prompt) in prompts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (index.ReadStoredVector(imageId) is not { } vector)
                {
                    continue;
                }

                var text = engine.EmbedText(prompt);
                scores.Add((imageId, TensorPrimitives.CosineSimilarity(vector, text)));
            }
        }
        catch (Exception ex) when (ex is ModelPackException or GpuUnavailableException)
        {
            throw new SearchUnavailableException(ex.Message);
        }

        engine.Catalog.SaveAdherence(clip.Id, scores);
        var listed = scores.Where(s => request.Below is null || s.Score < request.Below).OrderBy(s => s.Score).Take(Math.Max(1, request.Limit)).ToList();
        var rows = engine.Catalog.Rows(listed.Select(s => s.ImageId), clip.Id);
        return new AdherenceResult(clip.Id, scores.Count, request.Below, [.. listed.Where(s => rows.ContainsKey(s.ImageId)).Select(s => rows[s.ImageId])]);
    }
}
