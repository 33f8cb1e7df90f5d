using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Core.VectorIndex;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Storage.VectorIndex;

namespace DrawingFromDiffusion.App.Duplicates;

/// <summary>The vector index of one `dfd dupes` run: the semantic tier's pair source and the visual tier's neighbour nominees, or why there is none.</summary>
internal sealed class DupesIndex : IDisposable
{
    private readonly VectorIndexStore? _index;

    private DupesIndex(VectorIndexStore? index, SemanticPairSource? source, NeighbourNominees? neighbours, string? modelId, string? problem)
    {
        _index = index;
        Source = source;
        Neighbours = neighbours;
        ModelId = modelId;
        Problem = problem;
    }

    public SemanticPairSource? Source { get; }

    /// <summary>The visual tier's extra nominees from the same neighbour search, when there is an index.</summary>
    public NeighbourNominees? Neighbours { get; }

    public string? ModelId { get; }

    /// <summary>Why there is no source, as the end of a sentence ("needs image vectors: …").</summary>
    public const string NoVectors = "needs image vectors: run `dfd index` with a model first";

    public string? Problem { get; }

    /// <param name="saveIndex">false for `dfd serve`, which writes nothing beside the catalog.</param>
    public static async Task<DupesIndex> OpenAsync(CatalogDatabase database, string? modelId, double? maxCosine, IProgress<StageProgress>? progress, CancellationToken cancellationToken, bool saveIndex = true)
    {
        var inputs = new AnalysisInputs(database);
        var models = inputs.Models();
        modelId ??= models.Count > 0 ? models[0].ModelId : null;
        if (modelId is null)
        {
            return new DupesIndex(null, null, null, null, NoVectors);
        }

        if (inputs.DimensionsOf(modelId) is not { } dims)
        {
            return new DupesIndex(null, null, null, modelId, $"has no vectors of model '{modelId}' (this catalog has: {string.Join(", ", models.Select(m => m.ModelId))})");
        }

        VectorIndexStore index;
        try
        {
            index = await VectorIndexStore.OpenAsync(database, modelId, dims, new VectorIndexOptions { SaveAfterOpen = saveIndex, ViewFile = true }, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is VectorIndexException or IOException)
        {
            return new DupesIndex(null, null, null, modelId, $"could not open the vector index of '{modelId}' ({ex.Message})");
        }

        var nearest = new NearestNeighbours(index);
        var semantic = new SemanticPairSource(nearest, maxCosine ?? SemanticDefaults.MaxDistanceFor(modelId));
        return new DupesIndex(index, semantic, new NeighbourNominees(nearest, NeighbourNominees.DefaultMaxDistance(modelId)), modelId, null);
    }

    public void Dispose() => _index?.Dispose();
}
