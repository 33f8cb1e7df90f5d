using System.Globalization;
using System.Net;
using System.Text;
using DrawingFromDiffusion.Core.Grids;
using DrawingFromDiffusion.Onnx.Rendering;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.App.Grids;

/// <summary>A chosen grid written out: grid.html (thumbnails linked to the originals) and grid.png (labelled axes).</summary>
internal static class GridSheets
{
    public static IReadOnlyList<string> Write(string directory, GridResult result, CatalogDatabase database)
    {
        ArgumentNullException.ThrowIfNull(result);
        var grid = result.Chosen ?? throw new ArgumentException("no grid was chosen", nameof(result));
        Directory.CreateDirectory(directory);
        using var thumbnails = new ThumbnailReader(database);
        var cache = grid.ImageIds.ToDictionary(id => id, thumbnails.Read);
        var html = Path.Combine(directory, "grid.html");
        var png = Path.Combine(directory, "grid.png");
        File.WriteAllText(html, Html(result, grid, cache), Encoding.UTF8);
        GridRenderer.Write(png, grid, Title(result, grid), id => cache[id], id => Caption(result, id));
        return [html, png];
    }

    public static string Title(GridResult result, PromptGrid grid) =>
        $"{AxisName(result.Axis)} · {grid.Prompt}";

    public static string AxisName(GridAxis axis) => axis switch
    {
        GridAxis.Lora => "LoRA",
        GridAxis.Checkpoint => "checkpoint",
        GridAxis.Seed => "seed",
        _ => "CFG scale",
    };

    /// <summary>A cell's line: its image id, and its adherence to the prompt when known.</summary>
    public static string Caption(GridResult result, long id) =>
        result.Adherence.TryGetValue(id, out var score) ? string.Create(CultureInfo.InvariantCulture, $"#{id} · adherence {score:0.000}") : $"#{id}";

    private static string Html(GridResult result, PromptGrid grid, Dictionary<long, byte[]?> thumbnails)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"grid: {AxisName(result.Axis)}")).Append("</title><style>")
            .Append("body{font:14px system-ui,sans-serif;margin:16px}table{border-collapse:collapse}th,td{padding:6px;vertical-align:top;text-align:center}")
            .Append("th.row{text-align:left;max-width:18em;font-weight:normal}img{max-width:192px;max-height:192px;display:block;margin:auto}.cap{color:#555;font-size:12px}")
            .Append("</style></head><body>")
            .Append("<h1>").Append(E($"Varying {AxisName(result.Axis)}")).Append("</h1><p>").Append(E(grid.Prompt)).Append("</p>");
        if (result.AdherenceNote is { } note)
        {
            page.Append("<p class=\"cap\">").Append(E(note)).Append("</p>");
        }
        else if (result.AdherenceModel is { } model)
        {
            page.Append("<p class=\"cap\">").Append(E($"adherence: cosine of each image with its prompt through {model}")).Append("</p>");
        }

        page.Append("<table><thead><tr><th></th>");
        foreach (var column in grid.Columns)
        {
            page.Append("<th scope=\"col\">").Append(E(column)).Append("</th>");
        }

        page.Append("</tr></thead><tbody>");
        foreach (var row in grid.Rows)
        {
            page.Append("<tr><th scope=\"row\" class=\"row\">").Append(E(row.Label)).Append("</th>");
            for (var c = 0; c < grid.Columns.Count; c++)
            {
                page.Append("<td>");
                if (row.Cells.FirstOrDefault(x => x.Column == c) is { } cell)
                {
                    var image = thumbnails[cell.ImageId] is { } bytes ? $"<img alt=\"\" src=\"data:image/webp;base64,{Convert.ToBase64String(bytes)}\">" : "<div>(no thumbnail)</div>";
                    var link = result.Paths.TryGetValue(cell.ImageId, out var path) ? new Uri(path).AbsoluteUri : null;
                    page.Append(link is null ? image : $"<a href=\"{E(link)}\">{image}</a>")
                        .Append("<div class=\"cap\">").Append(E(Caption(result, cell.ImageId))).Append("</div>");
                }

                page.Append("</td>");
            }

            page.Append("</tr>");
        }

        return page.Append("</tbody></table></body></html>\n").ToString();
    }
}
