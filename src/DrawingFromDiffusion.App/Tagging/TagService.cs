using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Core.Tagging;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Onnx.Tagging;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Tagging;

/// <summary>`dfd tag --auto`: tags from pixels with a WD14 tagger pack, stored for `--tag` filters.</summary>
internal static class TagService
{
    private const int BatchSize = 32;
    private const long MaxPixels = 100_000_000;

    /// <summary>The tagger pack <paramref name="id"/>, or the one installed tagger pack.</summary>
    /// <exception cref="TagUnavailableException">no such tagger pack, none installed, or several to choose from.</exception>
    public static ModelPack FindPack(string? id)
    {
        var store = ModelStore.Open();
        var taggers = store.List().Select(p => p.Pack).Where(p => p is { Manifest.Family: "tagger" }).ToList();
        var pack = id is not null ? store.Find(id) : taggers.Count == 1 ? taggers[0] : null;
        if (pack is not { Manifest.Family: "tagger" })
        {
            throw new TagUnavailableException(id is not null
                ? $"'{id}' is not an installed tagger pack"
                : taggers.Count == 0 ? "no tagger pack installed: `dfd models add DIR` with a WD14 folder (model.onnx + selected_tags.csv)" : $"several tagger packs: pick one with --model ({string.Join(", ", taggers.Select(t => t!.Id))})");
        }

        return pack;
    }

    /// <param name="progress">images tagged after each stored batch (stage "tagging").</param>
    /// <param name="logger">one warning per file that could not be read or decoded.</param>
    public static TagResult Run(CatalogDatabase database, ModelPack pack, TagRequest request, IProgress<StageProgress>? progress, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var thresholds = new TagThresholds(request.General, request.Character);
        using var tagger = new OnnxTagger(pack, new OnnxSessionFactory(request.Device));
        var tags = new TagStore(database);
        var todo = tags.Untagged(pack.Id, request.Retag);
        var (tagged, failed, picked) = (0, 0, 0);
        foreach (var chunk in todo.Chunk(BatchSize))
        {
            var batch = new List<(long, IReadOnlyList<ImageTag>)>(chunk.Length);
            foreach (var (imageId, path) in chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    using var file = File.OpenRead(path);
                    var chosen = tagger.Pick(tagger.Scores(tagger.Prepare(file, MaxPixels)), thresholds);
                    batch.Add((imageId, chosen));
                    picked += chosen.Count;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ImageRejectedException)
                {
                    failed++;
                    logger.LogWarning("{Notice}", $"dfd: {path}: {ex.Message}");
                }
            }

            tags.Save(pack.Id, batch);
            tagged += batch.Count;
            progress?.Report(new StageProgress("tagging", tagged + failed, todo.Count, "images") { Note = $"failed {failed}" });
        }

        return new TagResult(pack.Id, tagged, failed, picked, thresholds.General, thresholds.Character);
    }
}
