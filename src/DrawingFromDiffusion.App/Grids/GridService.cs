using System.Globalization;
using System.Numerics.Tensors;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Core.Grids;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Grids;

/// <summary>
/// `dfd grid`: comparison grids rebuilt from the catalog's generation rows (images sharing a prompt that differ in one
/// parameter), with each cell's CLIP adherence to its prompt when the pack has a text tower.
/// </summary>
internal static class GridService
{
    public static async Task<GridResult> RunAsync(CatalogDatabase database, GridRequest request, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inputs = new GridInputs(database);
        var grids = await Task.Run(() => PromptGrids.Build(inputs.Generations(), request.Axis), cancellationToken);
        var chosen = request.PromptGroup is { } group ? Choose(grids, group) : null;
        if (chosen is null)
        {
            return new GridResult(request.Axis, grids, null, new Dictionary<long, double>(), null, null, new Dictionary<long, string>());
        }

        var ids = chosen.ImageIds.ToList();
        var paths = new SearchCatalog(database).Rows(ids, null).ToDictionary(r => r.Key, r => r.Value.Path);
        var (adherence, model, note) = await AdherenceAsync(database, inputs, chosen, request, logger, cancellationToken);
        return new GridResult(request.Axis, grids, chosen, adherence, model, note, paths);
    }

    /// <summary>The grid holding image <paramref name="group"/> (a number), else the largest whose prompt contains the words.</summary>
    public static PromptGrid? Choose(IReadOnlyList<PromptGrid> grids, string group)
    {
        ArgumentNullException.ThrowIfNull(grids);
        if (long.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && grids.FirstOrDefault(g => g.ImageIds.Contains(id)) is { } holding)
        {
            return holding;
        }

        var words = PromptGrids.Normalise(group);
        return grids.FirstOrDefault(g => g.PromptKey.Contains(words, StringComparison.Ordinal));
    }

    private static async Task<(Dictionary<long, double>, string?, string?)> AdherenceAsync(
        CatalogDatabase database, GridInputs inputs, PromptGrid grid, GridRequest request, ILogger? logger, CancellationToken cancellationToken)
    {
        using var engine = SearchEngine.Open(database, request.Pack, request.Device, logger: logger);
        if (engine.Pack is not { HasText: true } clip)
        {
            return ([], null, $"no adherence: {engine.PackProblem ?? "the pack has no text tower"}; {SearchEngine.PullHint}");
        }

        var ids = grid.ImageIds.ToList();
        var scores = inputs.StoredAdherence(ids, clip.Id);
        var missing = ids.Where(i => !scores.ContainsKey(i)).ToList();
        if (missing.Count == 0)
        {
            return (scores, clip.Id, null);
        }

        try
        {
            var index = await engine.IndexAsync(cancellationToken);
            var prompts = inputs.Generations().Where(g => missing.Contains(g.ImageId)).ToDictionary(g => g.ImageId, g => g.Prompt);
            foreach (var id in missing)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (index.ReadStoredVector(id) is { } vector && prompts.TryGetValue(id, out var prompt))
                {
                    scores[id] = TensorPrimitives.CosineSimilarity(vector, engine.EmbedText(prompt));
                }
            }
        }
        catch (Exception ex) when (ex is ModelPackException or GpuUnavailableException or SearchUnavailableException)
        {
            return (scores, clip.Id, $"adherence incomplete: {ex.Message}");
        }

        return (scores, clip.Id, scores.Count < ids.Count ? $"{ids.Count - scores.Count} image(s) have no {clip.Id} vector (run dfd index)" : null);
    }
}
