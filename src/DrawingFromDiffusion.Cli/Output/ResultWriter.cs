using System.Globalization;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>
/// The one output of `dfd search` and `dfd similar`: a table, --json, --csv, and/or an --html contact sheet. A video is
/// one result at its best-matching frame (time and thumbnail); <c>listFrames</c> (--frames) adds every matching frame.
/// </summary>
internal static class ResultWriter
{
    public static void Write(SearchOutcome outcome, string title, bool json, bool csv, string? html, bool listFrames, Func<long, byte[]?> thumbnail)
    {
        if (html is not null)
        {
            WriteHtml(outcome, title, html, thumbnail);
            Console.Error.WriteLine($"dfd: wrote {outcome.Results.Count} result(s) to {html}");
        }

        if (json)
        {
            Json.Write(new
            {
                mode = outcome.Mode,
                model = outcome.Model,
                note = outcome.Note,
                cutoff = outcome.Cutoff,
                cut = outcome.Cut,
                results = outcome.Results.Select(r => new
                {
                    image_id = r.Row.ImageId,
                    path = r.Row.Path,
                    score = Math.Round(r.Score, 6),
                    similarity = r.Similarity is { } s ? Math.Round(s, 6) : (double?)null,
                    clip_rank = r.ClipRank,
                    prompt_rank = r.PromptRank,
                    bm25 = r.Bm25 is { } b ? Math.Round(b, 4) : (double?)null,
                    why = r.Why,
                    width = r.Row.Width,
                    height = r.Row.Height,
                    generator = r.Row.Generator,
                    model = r.Row.Model,
                    seed = r.Row.Seed,
                    adherence = r.Row.Adherence is { } a ? Math.Round(a, 6) : (double?)null,
                    prompt = r.Row.Prompt,
                    kind = r.BestFrame is null ? null : "video",
                    frame_id = r.BestFrame?.FrameId,
                    timestamp_ms = r.BestFrame?.TimestampMs,
                    time = r.BestFrame is { } f ? VideoTime.Format(f.TimestampMs) : null,
                    frames = listFrames && r.Frames.Count > 0 ? r.Frames.Select(m => new
                    {
                        frame_id = m.FrameId,
                        timestamp_ms = m.TimestampMs,
                        time = VideoTime.Format(m.TimestampMs),
                        similarity = Math.Round(1.0 - m.Distance, 6),
                    }) : null,
                }),
            });
            return;
        }

        // The mode line goes to stderr so that --csv and the table stay clean for pipes.
        Console.Error.WriteLine($"dfd: mode {outcome.Mode}{(outcome.Note is null ? "" : " — " + outcome.Note)}{(outcome.Cut > 0 ? $"; cut-off {outcome.Cutoff} dropped {outcome.Cut} weaker match(es)" : "")}");
        if (csv)
        {
            Console.WriteLine("image_id,path,score,similarity,clip_rank,prompt_rank,bm25,generator,model,seed,adherence,why,prompt,timestamp_ms" + (listFrames ? ",frames" : ""));
            foreach (var r in outcome.Results)
            {
                var line = string.Join(',', r.Row.ImageId, Csv.Field(r.Row.Path), Number(r.Score), Number(r.Similarity), r.ClipRank, r.PromptRank, Number(r.Bm25),
                    Csv.Field(r.Row.Generator), Csv.Field(r.Row.Model), Csv.Field(r.Row.Seed), Number(r.Row.Adherence), Csv.Field(r.Why), Csv.Field(r.Row.Prompt), r.BestFrame?.TimestampMs);
                Console.WriteLine(listFrames ? line + "," + Csv.Field(FrameList(r)) : line);
            }

            return;
        }

        if (html is not null)
        {
            return;
        }

        if (outcome.Results.Count == 0)
        {
            Console.WriteLine("no matching images");
            return;
        }

        Console.WriteLine($"{"id",6}  {"score",7}  {"generator",-12} {"model",-24} path");
        foreach (var r in outcome.Results)
        {
            Console.WriteLine($"{r.Row.ImageId,6}  {Number(r.Score),7}  {Cut(r.Row.Generator, 12),-12} {Cut(r.Row.Model, 24),-24} {Core.Library.FileNames.EscapeForTerminal(r.Row.Path)}");
            Console.WriteLine($"        {r.Why}{(r.Row.Prompt is null ? "" : " · " + Cut(r.Row.Prompt.ReplaceLineEndings(" "), 90))}");
            if (listFrames && r.Frames.Count > 0)
            {
                Console.WriteLine($"        frames: {FrameList(r)}");
            }
        }

        Console.WriteLine($"{outcome.Results.Count} image(s)");
    }

    private static void WriteHtml(SearchOutcome outcome, string title, string path, Func<long, byte[]?> thumbnail)
    {
        var sheet = new ContactSheet(title);
        sheet.Raw($"<h1>{ContactSheet.Encode(title)}</h1><p>mode {ContactSheet.Encode(outcome.Mode)}{(outcome.Model is null ? "" : " · " + ContactSheet.Encode(outcome.Model))} · {ContactSheet.Encode(outcome.Note)} · {outcome.Results.Count} result(s)</p>\n<section><div class=\"row\">\n");
        foreach (var r in outcome.Results)
        {
            var caption = string.Create(CultureInfo.InvariantCulture,
                $"<span class=\"tag\">{Number(r.Score)}</span> · {ContactSheet.Encode(r.Why)}<br>{r.Row.Width}×{r.Row.Height} · {ContactSheet.Encode(r.Row.Generator)} · {ContactSheet.Encode(r.Row.Model)}<br>{ContactSheet.Encode(r.Row.Path)}<br><span class=\"prompt\">{ContactSheet.Encode(Cut(r.Row.Prompt, 300))}</span>");
            sheet.Figure(thumbnail(r.BestFrame?.FrameId ?? r.Row.ImageId), caption);
        }

        sheet.Raw("</div></section>\n");
        sheet.Save(path);
    }

    /// <summary>"0:03.2 0.912; 0:05.0 0.880": each matching frame's time and similarity, best first.</summary>
    private static string FrameList(ResultItem r) =>
        string.Join("; ", r.Frames.Select(f => $"{VideoTime.Format(f.TimestampMs)} {Number(1.0 - f.Distance)}"));

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static string Cut(string? value, int width) => value is null ? "" : value.Length <= width ? value : value[..(width - 1)] + "…";
}
