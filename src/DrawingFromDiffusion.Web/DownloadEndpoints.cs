using System.Globalization;
using System.IO.Compression;
using DrawingFromDiffusion.App.Browsing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace DrawingFromDiffusion.Web;

/// <summary>`/api/download`: the originals of a selection as one zip, streamed as it is written.</summary>
internal static class DownloadEndpoints
{
    public const int MaxIds = 1000;

    public static IEndpointRouteBuilder MapDownloadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/download", DownloadAsync)
            .WithName("DownloadZip")
            .WithSummary($"The original files of up to {MaxIds} images as a zip: ?ids=1,2,3. Entries are named id.extension; ids with no unchanged file on disk are listed in missing.txt.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, string? ids, CatalogBrowser browser, CancellationToken cancellationToken)
    {
        if (Parse(ids) is not { } wanted)
        {
            return Problems.BadRequest($"'ids' must list 1 to {MaxIds} image ids separated by commas, e.g. ?ids=3,5,8.");
        }

        // Opened before the first byte goes out, so a selection with nothing on disk gets a 404 rather than an empty zip.
        var found = new List<(long Id, FileStream Stream, string Format)>();
        var missing = new List<long>();
        foreach (var id in wanted)
        {
            if (await browser.OpenOriginalAsync(id, cancellationToken) is { } original)
            {
                found.Add((id, original.Stream, original.Format));
            }
            else
            {
                missing.Add(id);
            }
        }

        if (found.Count == 0)
        {
            return Problems.NotFound("None of these images has an unchanged file on disk; rescan with `dfd index`.");
        }

        return new ZipResult(found, missing);
    }

    private static List<long>? Parse(string? ids)
    {
        if (string.IsNullOrWhiteSpace(ids))
        {
            return null;
        }

        var parts = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parsed = new List<long>(parts.Length);
        foreach (var part in parts)
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return null;
            }

            parsed.Add(id);
        }

        parsed = [.. parsed.Distinct()];
        return parsed.Count is > 0 and <= MaxIds ? parsed : null;
    }

    /// <summary>Writes the zip straight into the response: stored entries (images are compressed already), no temp file.</summary>
    private sealed class ZipResult(List<(long Id, FileStream Stream, string Format)> files, List<long> missing) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "application/zip";
            response.Headers.ContentDisposition = $"attachment; filename=\"dfd-{files.Count}-images.zip\"";
            // ZipArchive writes synchronously; the archive goes to the body as it is made.
            httpContext.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
            var aborted = httpContext.RequestAborted;
            try
            {
                await Task.Run(
                    () =>
                    {
                        using var zip = new ZipArchive(response.Body, ZipArchiveMode.Create, leaveOpen: true);
                        foreach (var (id, stream, format) in files)
                        {
                            aborted.ThrowIfCancellationRequested();
                            var entry = zip.CreateEntry($"{id}.{ImageEndpoints.MediaType(format).Extension}", CompressionLevel.NoCompression);
                            using var target = entry.Open();
                            stream.CopyTo(target);
                        }

                        if (missing.Count > 0)
                        {
                            using var note = new StreamWriter(zip.CreateEntry("missing.txt").Open());
                            note.WriteLine("These images have no unchanged file on disk (rescan with `dfd index`):");
                            note.WriteLine(string.Join(Environment.NewLine, missing));
                        }
                    },
                    aborted);
            }
            finally
            {
                foreach (var (_, stream, _) in files)
                {
                    await stream.DisposeAsync();
                }
            }
        }
    }
}
