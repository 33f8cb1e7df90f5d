using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.App.Clustering;

/// <summary>`dfd clusters`: style clusters over one model's vectors, labelled and stored in the catalog; the map and contact sheets when asked.</summary>
internal static class ClustersService
{
    /// <param name="progress">each step as it goes: loading vectors, choosing k, k-means iterations, layout, labels, sheets.</param>
    /// <exception cref="ClustersUnavailableException">the catalog has no vectors of the model.</exception>
    public static ClustersResult Run(CatalogDatabase database, ClusterSettings request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var models = new AnalysisInputs(database).Models();
        var modelId = request.ModelId ?? models.FirstOrDefault().ModelId;
        if (modelId is null || models.All(m => m.ModelId != modelId))
        {
            throw new ClustersUnavailableException(modelId is null
                ? "this catalog has no image vectors yet; run `dfd index` with a model first"
                : $"no vectors of model '{modelId}' in this catalog (it has: {string.Join(", ", models.Select(m => m.ModelId))})");
        }

        var notices = new List<string>();
        using var text = TextTower(modelId, notices);
        var (run, fit, ids, map) = ClusterAnalysis.Run(database, modelId, request, text, progress, cancellationToken);
        IReadOnlyList<string> sheets = [];
        if (request.OutDir is not null)
        {
            var queries = new CatalogQueries(database);
            var paths = new AnalysisInputs(database).Paths();
            sheets = ClusterSheets.Write(Path.GetFullPath(request.OutDir), run, ids, fit.Assignment, map, queries.Thumbnail, paths.GetValueOrDefault, progress, cancellationToken);
        }

        return new ClustersResult(run, sheets, notices);
    }

    /// <summary>The clusters the last run stored, with their members (none yet: empty lists); what `dfd serve` shows.</summary>
    public static (List<StoredCluster> Clusters, List<StoredClusterMember> Members) Stored(CatalogDatabase database) =>
        new ClusterStore(database).StoredOrNone();

    /// <summary>The pack's text tower for style words, or null (no such pack here, image-only, or failing to load).</summary>
    private static ITextEmbedder? TextTower(string modelId, List<string> notices)
    {
        try
        {
            var pack = ModelStore.Open().Find(modelId);
            if (pack is not { HasText: true })
            {
                return null;
            }

            return new OnnxTextEmbedder(pack, new OnnxSessionFactory(new DeviceOptions("cpu")));
        }
        catch (Exception ex) when (ex is ModelPackException or IOException or InvalidOperationException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            notices.Add($"no style words: the text tower of '{modelId}' did not load ({ex.Message})");
            return null;
        }
    }
}
