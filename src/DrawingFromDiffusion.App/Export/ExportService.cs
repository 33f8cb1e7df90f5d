using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.App.Export;

/// <summary>`dfd export`: every catalogued file with its generation metadata, duplicate group (dupes at its defaults), stored cluster, adherence and, when asked, its vector.</summary>
internal static class ExportService
{
    /// <param name="progress">the duplicate run's stages when its groups are not stored yet.</param>
    /// <exception cref="ExportUnavailableException">vectors were asked for and the catalog has none of the model.</exception>
    public static async Task<ExportResult> LoadAsync(CatalogDatabase database, ExportRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        string? vectorModel = null;
        if (request.WithVectors)
        {
            var models = new AnalysisInputs(database).Models();
            vectorModel = request.Model ?? (models.Count > 0 ? models[0].ModelId : null);
            if (vectorModel is null || models.All(m => m.ModelId != vectorModel))
            {
                throw new ExportUnavailableException(vectorModel is null
                    ? "--with-vectors: this catalog has no vectors yet; run `dfd index` with a model first"
                    : $"--with-vectors: no vectors of model '{vectorModel}' in this catalog");
            }
        }

        var extras = await ExportExtras.LoadAsync(database, vectorModel, progress, cancellationToken);
        var records = new CatalogQueries(database).Files();
        return new ExportResult(vectorModel, records.Select(r =>
        {
            var (group, tier, keeper) = extras.GroupOf(r.Path);
            var (adherence, adherenceModel) = extras.AdherenceOf(r.ImageId);
            return new ExportItem(r, group, tier, keeper, extras.ClusterOf(r.ImageId), adherence, adherenceModel, extras.VectorOf(r.ImageId));
        }));
    }
}
