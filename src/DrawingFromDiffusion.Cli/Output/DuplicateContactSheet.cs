using System.Globalization;
using DrawingFromDiffusion.App.Duplicates;
using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>An offline HTML page: one row of thumbnails per group (embedded as data: URIs), the keeper marked.</summary>
internal static class DuplicateContactSheet
{
    public static void Write(string path, DupesRun run, Func<long, byte[]?> thumbnail)
    {
        var html = new ContactSheet("dfd dupes");
        html.Raw(string.Create(CultureInfo.InvariantCulture, $"<h1>{run.Groups.Count} duplicate groups</h1><p>{Encode(run.Catalog)} · tiers: {Encode(string.Join(", ", run.Tiers))}</p>\n"));
        foreach (var group in run.Groups)
        {
            html.Raw(string.Create(CultureInfo.InvariantCulture, $"<section><h2>Group {group.Number} · {group.Members.Count} files · {Encode(string.Join(", ", group.Tiers.Select(DuplicateReport.TierName)))}</h2><div class=\"row\">\n"));
            var thumbs = new Dictionary<long, byte[]?>();
            foreach (var m in group.Members)
            {
                var id = m.Candidate.ImageId;
                if (!thumbs.TryGetValue(id, out var webp))
                {
                    thumbs[id] = webp = thumbnail(id);
                }

                var tag = m.IsKeeper ? $"KEEP · {Encode(group.KeeperReason)}" : $"{DuplicateReport.TierName(m.Tier!.Value)} · {Encode(m.Detail ?? m.Distance?.ToString(CultureInfo.InvariantCulture) ?? "")}";
                html.Figure(webp, string.Create(CultureInfo.InvariantCulture, $"<span class=\"tag\">{tag}</span><br>{m.Candidate.Width}×{m.Candidate.Height}<br>{Encode(m.Candidate.Path)}"), m.IsKeeper ? "keeper" : "member");
            }

            html.Raw("</div></section>\n");
        }

        html.Save(path);
    }

    private static string Encode(string text) => ContactSheet.Encode(text);
}
