using System.Globalization;
using System.Net;
using System.Text;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Onnx.Rendering;

namespace DrawingFromDiffusion.App.Clustering;

/// <summary>`--out DIR`: map.png and one offline contact sheet per cluster (thumbnails as data: URIs).</summary>
internal static class ClusterSheets
{
    public const int MapWidth = 1200;
    public const int MapHeight = 900;

    /// <summary>Thumbnails per sheet: a sheet is for looking, and thousands of data: URIs make a page unusable.</summary>
    public const int SheetLimit = 200;

    /// <param name="pathOf">an image's file path (null when unknown): captions and links on the sheets.</param>
    public static IReadOnlyList<string> Write(string directory, ClustersRun run, long[] imageIds, int[] assignment, float[] map, Func<long, byte[]?> thumbnail, Func<long, string?> pathOf, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var files = run.Clusters.Count + 1;
        progress?.Report(new StageProgress("contact sheets", 0, files, "files"));
        var written = new List<string>();
        var rowOf = new Dictionary<long, int>(imageIds.Length);
        for (var i = 0; i < imageIds.Length; i++)
        {
            rowOf[imageIds[i]] = i;
        }

        var medoids = run.Clusters
            .Select(c => c.MedoidImageId is { } id && rowOf.TryGetValue(id, out var row) ? (row, thumbnail(id)) : (-1, (byte[]?)null))
            .ToList();
        var mapPath = Path.Combine(directory, "map.png");
        var legend = run.Clusters.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Size} · {ClusterAnalysis.Label(c)}")).ToList();
        ClusterMapRenderer.Write(mapPath, MapWidth, MapHeight, map, assignment, medoids, legend);
        written.Add(mapPath);
        progress?.Report(new StageProgress("contact sheets", written.Count, files, "files"));

        foreach (var cluster in run.Clusters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"cluster-{cluster.Cluster:00}.html"));
            File.WriteAllText(path, Sheet(run, cluster, thumbnail, pathOf));
            written.Add(path);
            progress?.Report(new StageProgress("contact sheets", written.Count, files, "files"));
        }

        return written;
    }

    private static string Sheet(ClustersRun run, ClusterSummary cluster, Func<long, byte[]?> thumbnail, Func<long, string?> pathOf)
    {
        var colour = ClusterMapRenderer.CssColorOf(cluster.Cluster - 1);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>dfd cluster {{cluster.Cluster}}</title>
            <style>
            body{font:14px system-ui,sans-serif;margin:1.5em;background:#fafafa;color:#222}
            h1{border-left:10px solid {{colour}};padding-left:.4em}
            .row{display:flex;flex-wrap:wrap;gap:.6em}
            figure{margin:0;width:160px}
            figure img{max-width:156px;max-height:156px;display:block;margin:auto}
            figure.medoid{outline:3px solid {{colour}} }
            figcaption{font-size:11px;word-break:break-all}
            figcaption a{color:#124;text-decoration:none}
            figcaption .folder{color:#777}
            dt{font-weight:600}
            </style></head><body>
            <h1>Cluster {{cluster.Cluster}} · {{cluster.Size}} images</h1>
            <dl>
            <dt>Distinctive prompt words</dt><dd>{{Encode(cluster.Words.Count == 0 ? "– (no prompts)" : string.Join(", ", cluster.Words))}}</dd>
            <dt>Distinctive folder and file-name words</dt><dd>{{Encode(string.Join(", ", cluster.PathWords))}}</dd>
            <dt>Nearest style words</dt><dd>{{Encode(cluster.Styles.Count == 0 ? "– (no text tower)" : string.Join(", ", cluster.Styles))}}</dd>
            <dt>Checkpoints</dt><dd>{{Encode(Names(cluster.Checkpoints))}}</dd>
            <dt>LoRAs</dt><dd>{{Encode(Names(cluster.Loras))}}</dd>
            </dl>
            <p>{{Encode(run.ModelId)}} · k = {{run.K}} · seed {{run.Seed}} · nearest the centre first{{Limit(cluster)}}</p>
            <div class="row">

            """);
        foreach (var id in cluster.Members.Take(SheetLimit))
        {
            var webp = thumbnail(id);
            var image = webp is null ? "<div>(no thumbnail)</div>" : $"<img alt=\"\" src=\"data:image/webp;base64,{Convert.ToBase64String(webp)}\">";
            var medoid = id == cluster.MedoidImageId ? " class=\"medoid\"" : "";
            html.Append(CultureInfo.InvariantCulture, $"<figure{medoid}>{image}<figcaption>{Caption(id, pathOf(id))}</figcaption></figure>\n");
        }

        html.Append("</div></body></html>\n");
        return html.ToString();
    }

    /// <summary>The file name linked to the original (file:// URI), its folder below it; the image id when no path is known.</summary>
    public static string Caption(long id, string? path)
    {
        if (string.IsNullOrEmpty(path) || !Path.IsPathFullyQualified(path))
        {
            return string.Create(CultureInfo.InvariantCulture, $"#{id}");
        }

        var uri = new Uri(path).AbsoluteUri;
        return $"<a href=\"{Encode(uri)}\" title=\"{Encode(path)}\">{Encode(Path.GetFileName(path))}</a><br><span class=\"folder\">{Encode(Path.GetFileName(Path.GetDirectoryName(path)) ?? "")}</span>";
    }

    private static string Names(IEnumerable<NameCount> names) =>
        string.Join(", ", names.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Name} ({n.Count})")));

    private static string Limit(ClusterSummary cluster) =>
        cluster.Size > SheetLimit ? string.Create(CultureInfo.InvariantCulture, $" · first {SheetLimit} shown") : "";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
