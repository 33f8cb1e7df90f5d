using DrawingFromDiffusion.App.Curation;
using DrawingFromDiffusion.App.Duplicates;
using DrawingFromDiffusion.Core.Curation;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.App.Dataset;

/// <summary>
/// `dfd dataset export`: a collection as a LoRA training set in a layout trainers read, with cleaned captions,
/// near-duplicates left out (the suggested keeper stays), optional aspect buckets, a report of what was left out and
/// why, and a manifest with content hashes. Originals are only read: every output is a new file in the output folder.
/// </summary>
internal static partial class DatasetExportService
{
    /// <exception cref="CurationException">no such collection.</exception>
    /// <exception cref="DatasetExportException">the output folder is not safe to write.</exception>
    public static async Task<DatasetExportResult> ExportAsync(CatalogDatabase database, DatasetExportRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var curation = new CurationService(database);
        var collection = curation.RequireCollection(request.Collection);
        var members = curation.MemberIds(collection);
        var allowed = new SearchCatalog(database).MatchingIds(request.Filters with { Collection = collection }) ?? [];
        var sources = new DatasetSources(database).Of(members);
        var dropped = new List<DroppedImage>();
        var warnings = new List<string>();
        var notices = new List<string>();
        var candidates = new List<DatasetSource>();
        foreach (var id in members)
        {
            var source = sources[id];
            var reason = source.Paths.Count == 0 ? "no catalogued file left (rescan with dfd index)"
                : !allowed.Contains(id) ? "left out by the filters"
                : source.IsMotion ? "a video or video frame, not a still picture"
                : null;
            if (reason is null)
            {
                candidates.Add(source);
            }
            else
            {
                dropped.Add(new DroppedImage(id, source.Paths.FirstOrDefault(), reason));
            }
        }

        if (request.Dedupe is { } tiers && candidates.Count > 1)
        {
            var run = await DupesService.RunAsync(database, new DupesRequest(Tier: tiers), progress, cancellationToken);
            notices.AddRange(run.Notices);
            var removed = NearDuplicates(run.Groups, candidates, warnings);
            dropped.AddRange(removed);
            var gone = removed.Select(d => d.ImageId).ToHashSet();
            candidates.RemoveAll(c => gone.Contains(c.ImageId));
        }

        var originals = sources.Values.SelectMany(s => s.Paths).ToHashSet(StringComparer.Ordinal);
        var store = new CurationStore(database);
        notices.AddRange(DatasetOutput.Prepare(request.Out, request.Overwrite, originals, folder => store.IdsAt(folder).Count > 0));
        var writer = new DatasetWriter(Path.GetFullPath(request.Out), request);
        var done = 0;
        var uncaptioned = new List<long>();
        foreach (var source in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (image, problem) = await writer.WriteAsync(source, cancellationToken);
            if (image is null)
            {
                dropped.Add(new DroppedImage(source.ImageId, source.Paths[0], problem!));
            }
            else if (image.Caption.Length == 0 || image.Caption == request.Trigger?.Trim())
            {
                uncaptioned.Add(source.ImageId);
            }

            progress?.Report(new StageProgress("writing the training set", ++done, candidates.Count, "images"));
        }

        if (uncaptioned.Count > 0)
        {
            warnings.Add($"{uncaptioned.Count} image(s) have no caption beyond the trigger (no stored {(request.Caption == CaptionSource.Tags ? "tags" : "prompt")}): {string.Join(", ", uncaptioned)}");
        }

        var files = await writer.FinishAsync(cancellationToken);
        var result = new DatasetExportResult(writer.Folder, Name(request.Format), collection, members.Count, writer.Images, dropped, warnings, notices);
        await WriteRecordsAsync(database, request, result, files, cancellationToken);
        return result;
    }

    /// <summary>
    /// In each duplicate group, the set keeps one image: the group's suggested keeper when it is in the set, else the
    /// member that comes first in the collection. Members reached only through a tentative link (look-alikes) stay.
    /// </summary>
    private static List<DroppedImage> NearDuplicates(IReadOnlyList<Core.Duplicates.DuplicateGroup> groups, List<DatasetSource> candidates, List<string> warnings)
    {
        var order = candidates.Select((c, i) => (c.ImageId, i)).ToDictionary(p => p.ImageId, p => p.i);
        var dropped = new List<DroppedImage>();
        foreach (var group in groups)
        {
            var inSet = group.Members.Where(m => (m.IsKeeper || !m.Tentative) && order.ContainsKey(m.Candidate.ImageId))
                .GroupBy(m => m.Candidate.ImageId).Select(g => g.First()).ToList();
            if (inSet.Count < 2)
            {
                continue;
            }

            var suggested = group.Keeper.Candidate.ImageId;
            var keeper = order.ContainsKey(suggested) ? suggested : inSet.MinBy(m => order[m.Candidate.ImageId])!.Candidate.ImageId;
            if (keeper != suggested)
            {
                warnings.Add($"duplicate group {group.Number}: its suggested keeper (image {suggested}) is not in the set; kept image {keeper}, the first of the group in the collection");
            }

            foreach (var member in inSet.Where(m => m.Candidate.ImageId != keeper))
            {
                var tier = member.Tier is { } t ? TierSelection.Name(t) : "identical";
                dropped.Add(new DroppedImage(member.Candidate.ImageId, member.Candidate.Path, $"near-duplicate ({tier}) of image {keeper}", keeper, tier));
            }
        }

        return dropped;
    }

    private static string Name(DatasetFormat format) => format.ToString().ToLowerInvariant();
}
