using DrawingFromDiffusion.App.Duplicates;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Storage;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.App.Export;

/// <summary>The analysis columns of an export: duplicate group per file; cluster, prompt adherence and vector per image.</summary>
internal sealed class ExportExtras
{
    private readonly Dictionary<string, (int Group, string? Tier, bool Keeper)> _groups;
    private readonly Dictionary<long, int> _clusters;
    private readonly Dictionary<long, float[]>? _vectors;
    private readonly (string? Model, Dictionary<long, double> Scores) _adherence;

    private ExportExtras(Dictionary<string, (int, string?, bool)> groups, Dictionary<long, int> clusters, Dictionary<long, float[]>? vectors, (string?, Dictionary<long, double>) adherence)
    {
        _groups = groups;
        _clusters = clusters;
        _vectors = vectors;
        _adherence = adherence;
    }

    public static async Task<ExportExtras> LoadAsync(CatalogDatabase database, string? vectorModel, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var dupes = await DupesService.RunAsync(database, new DupesRequest(), progress, cancellationToken);
        var byPath = new Dictionary<string, (int, string?, bool)>(StringComparer.Ordinal);
        foreach (var group in dupes.Groups)
        {
            foreach (var m in group.Members)
            {
                byPath[m.Candidate.Path] = (group.Number, m.Tier is { } t ? TierSelection.Name(t) : null, m.IsKeeper);
            }
        }

        var clusters = new Dictionary<long, int>();
        try
        {
            foreach (var member in new ClusterStore(database).Members())
            {
                clusters[member.ImageId] = member.Cluster;
            }
        }
        catch (SqliteException)
        {
            // No clusters tables yet: the column stays empty.
        }

        Dictionary<long, float[]>? vectors = null;
        if (vectorModel is not null)
        {
            var (ids, matrix, dims) = new AnalysisInputs(database).Vectors(vectorModel, cancellationToken);
            vectors = new Dictionary<long, float[]>(ids.Length);
            for (var i = 0; i < ids.Length; i++)
            {
                vectors[ids[i]] = matrix.AsSpan(i * dims, dims).ToArray();
            }
        }

        // Scores of different models are not comparable: one model's, the exported vectors' when there are any.
        var adherence = new SearchCatalog(database).StoredAdherence(vectorModel);
        return new ExportExtras(byPath, clusters, vectors, adherence);
    }

    public (int? Group, string? Tier, bool? Keeper) GroupOf(string path) =>
        _groups.TryGetValue(path, out var g) ? (g.Group, g.Tier, g.Keeper) : (null, null, null);

    public int? ClusterOf(long imageId) => _clusters.TryGetValue(imageId, out var c) ? c : null;

    /// <summary>The stored prompt adherence of the image and the model that scored it; nulls when `dfd adherence` has not run.</summary>
    public (double? Score, string? Model) AdherenceOf(long imageId) =>
        _adherence.Scores.TryGetValue(imageId, out var score) ? (score, _adherence.Model) : (null, null);

    public float[]? VectorOf(long imageId) => _vectors is not null && _vectors.TryGetValue(imageId, out var v) ? v : null;
}
