using System.Globalization;
using System.Net;
using System.Text;
using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>An offline HTML page: one row of thumbnails per group (embedded as data: URIs), the keeper marked.</summary>
internal static class DuplicateContactSheet
{
    public static void Write(string path, DupesRun run, Func<long, byte[]?> thumbnail)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>dfd dupes</title>
            <style>
            body{font:14px system-ui,sans-serif;margin:1.5em;background:#fafafa;color:#222}
            section{margin:0 0 1.5em;padding:.8em;background:#fff;border:1px solid #ddd;border-radius:6px}
            h2{font-size:15px;margin:0 0 .6em}
            .row{display:flex;flex-wrap:wrap;gap:.8em}
            figure{margin:0;width:200px;padding:4px;border:3px solid transparent;border-radius:6px}
            figure.keeper{border-color:#2a9d4b;background:#eef8f0}
            figure img{max-width:192px;max-height:192px;display:block;margin:auto}
            figcaption{font-size:12px;word-break:break-all;margin-top:4px}
            .tag{font-weight:600}
            .keeper .tag{color:#2a9d4b}
            </style></head><body>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<h1>{run.Groups.Count} duplicate groups</h1><p>{Encode(run.Catalog)} · tiers: {Encode(string.Join(", ", run.Tiers))}</p>\n");
        foreach (var group in run.Groups)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section><h2>Group {group.Number} · {group.Members.Count} files · {Encode(string.Join(", ", group.Tiers.Select(DuplicateReport.TierName)))}</h2><div class=\"row\">\n");
            var thumbs = new Dictionary<long, byte[]?>();
            foreach (var m in group.Members)
            {
                var id = m.Candidate.ImageId;
                if (!thumbs.TryGetValue(id, out var webp))
                {
                    thumbs[id] = webp = thumbnail(id);
                }

                var image = webp is null ? "<div>(no thumbnail)</div>" : $"<img alt=\"\" src=\"data:image/webp;base64,{Convert.ToBase64String(webp)}\">";
                var tag = m.IsKeeper ? $"KEEP · {Encode(group.KeeperReason)}" : $"{DuplicateReport.TierName(m.Tier!.Value)} · {Encode(m.Detail ?? m.Distance?.ToString(CultureInfo.InvariantCulture) ?? "")}";
                html.Append(CultureInfo.InvariantCulture, $"<figure class=\"{(m.IsKeeper ? "keeper" : "member")}\">{image}<figcaption><span class=\"tag\">{tag}</span><br>{m.Candidate.Width}×{m.Candidate.Height}<br>{Encode(m.Candidate.Path)}</figcaption></figure>\n");
            }

            html.Append("</div></section>\n");
        }

        html.Append("</body></html>\n");
        File.WriteAllText(path, html.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
