using System.Globalization;
using System.Net;
using System.Text;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>
/// The offline HTML page shared by every contact sheet (dupes, search, similar): one file, thumbnails embedded as
/// data: URIs from the catalog's `thumbnails` table, so it opens anywhere without the catalog or the originals.
/// </summary>
internal sealed class ContactSheet
{
    private readonly StringBuilder _html = new();

    public ContactSheet(string title)
    {
        _html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{Encode(title)}}</title>
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
            .prompt{color:#555}
            </style></head><body>

            """);
    }

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Appends raw (already encoded) HTML.</summary>
    public ContactSheet Raw(string html)
    {
        _html.Append(html);
        return this;
    }

    /// <summary>One thumbnail with an already encoded caption; <paramref name="webp"/> null shows "(no thumbnail)".</summary>
    public ContactSheet Figure(byte[]? webp, string captionHtml, string cssClass = "member")
    {
        var image = webp is null ? "<div>(no thumbnail)</div>" : $"<img alt=\"\" src=\"data:image/webp;base64,{Convert.ToBase64String(webp)}\">";
        _html.Append(CultureInfo.InvariantCulture, $"<figure class=\"{cssClass}\">{image}<figcaption>{captionHtml}</figcaption></figure>\n");
        return this;
    }

    public void Save(string path)
    {
        _html.Append("</body></html>\n");
        File.WriteAllText(path, _html.ToString());
    }
}
