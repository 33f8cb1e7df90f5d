using System.Text.Json;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.App.Dataset;

internal static partial class DatasetExportService
{
    /// <summary>OUT/manifest.json (how to rebuild the set, with hashes) and OUT/report.json (what was left out and why).</summary>
    private static async Task WriteRecordsAsync(CatalogDatabase database, DatasetExportRequest request, DatasetExportResult result, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var options = new DatasetManifestOptions(
            request.Repeats, request.Concept, request.Trigger, request.Caption.ToString().ToLowerInvariant(), request.Dedupe, request.Buckets, request.Filters.Tag, request.Filters.RatingMin);
        var manifest = new DatasetManifest(DatasetManifest.Marker, 1, DateTimeOffset.UtcNow, database.Path, result.Collection, result.Format, options, files, result.Images);
        var report = new DatasetReport(result.Collection, result.Asked, result.Images.Count, result.Dropped, result.Warnings);
        await File.WriteAllTextAsync(Path.Combine(result.Out, DatasetManifest.FileName), JsonSerializer.Serialize(manifest, DatasetManifest.Json), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(result.Out, DatasetManifest.ReportFileName), JsonSerializer.Serialize(report, DatasetManifest.Json), cancellationToken);
    }
}
