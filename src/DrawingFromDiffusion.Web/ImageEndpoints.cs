using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.App.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DrawingFromDiffusion.Web;

/// <summary>/api/images/{id}…: one image by catalog id. No parameter ever names a path.</summary>
internal static class ImageEndpoints
{
    public static void MapImageEndpoints(this IEndpointRouteBuilder app)
    {
        // {id} is taken as text and parsed here, so "../x" or "%2e%2e" get a 400 that explains ids.
        var images = app.MapGroup("/api/images/{id}");
        images.MapGet("", DetailAsync)
            .WithName("Image")
            .WithSummary("An image's catalog facts, generation metadata, LoRAs, files, duplicate group and cluster.")
            .Produces<ImageDetail>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        images.MapGet("/thumb", ThumbAsync)
            .WithName("Thumbnail")
            .WithSummary("The stored WebP thumbnail (longest side 256 px).")
            .Produces(StatusCodes.Status200OK, contentType: "image/webp")
            .ProducesProblem(StatusCodes.Status404NotFound);
        images.MapGet("/file", FileAsync)
            .WithName("OriginalFile")
            .WithSummary("The original bytes, from the first catalogued file of the image that still exists unchanged.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        images.MapGet("/similar", SimilarAsync)
            .WithName("Similar")
            .WithSummary("Images like this one (\"more like this\"), itself excluded; takes k and the search filters.")
            .Produces<SearchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> DetailAsync(string id, CatalogBrowser browser, AnalysisService analysis, CancellationToken cancellationToken)
    {
        if (!RequestParser.TryId(id, out var imageId, out var problem))
        {
            return problem!;
        }

        var detail = await browser.ImageAsync(imageId, cancellationToken);
        if (detail is null)
        {
            return Unknown(imageId);
        }

        return Results.Ok(detail with
        {
            DuplicateGroup = await analysis.DuplicateGroupOfAsync(imageId, cancellationToken),
            Cluster = await analysis.ClusterOfAsync(imageId, cancellationToken),
        });
    }

    private static async Task<IResult> ThumbAsync(string id, CatalogBrowser browser, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!RequestParser.TryId(id, out var imageId, out var problem))
        {
            return problem!;
        }

        var webp = await browser.ThumbnailAsync(imageId, cancellationToken);
        if (webp is null)
        {
            return await browser.ExistsAsync(imageId, cancellationToken)
                ? Problems.NotFound($"Image {imageId} has no thumbnail.")
                : Unknown(imageId);
        }

        response.Headers.CacheControl = "private, max-age=300";
        return Results.Bytes(webp, "image/webp");
    }

    private static async Task<IResult> FileAsync(string id, CatalogBrowser browser, CancellationToken cancellationToken)
    {
        if (!RequestParser.TryId(id, out var imageId, out var problem))
        {
            return problem!;
        }

        var original = await browser.OpenOriginalAsync(imageId, cancellationToken);
        if (original is not { } found)
        {
            return await browser.ExistsAsync(imageId, cancellationToken)
                ? Problems.NotFound($"No file of image {imageId} is left unchanged on disk; rescan with `dfd index`.")
                : Unknown(imageId);
        }

        var (contentType, extension) = MediaType(found.Format);
        return Results.File(found.Stream, contentType, $"{imageId}.{extension}", enableRangeProcessing: true);
    }

    private static async Task<IResult> SimilarAsync(string id, HttpRequest request, CatalogBrowser browser, QueryService search, CancellationToken cancellationToken)
    {
        if (!RequestParser.TryId(id, out var imageId, out var problem)
            || !RequestParser.TryK(request.Query["k"], out var k, out problem)
            || !RequestParser.TryFilters(request.Query, out var filters, out problem))
        {
            return problem!;
        }

        if (!await browser.ExistsAsync(imageId, cancellationToken))
        {
            return Unknown(imageId);
        }

        return Results.Ok(await search.SimilarAsync(imageId, k, filters, cancellationToken));
    }

    private static IResult Unknown(long imageId) => Problems.NotFound($"There is no image {imageId} in the catalog.");

    /// <summary>The content type and file extension of a catalogued format.</summary>
    internal static (string ContentType, string Extension) MediaType(string format) => format switch
    {
        "png" => ("image/png", "png"),
        "jpeg" => ("image/jpeg", "jpg"),
        "webp" => ("image/webp", "webp"),
        "gif" => ("image/gif", "gif"),
        "bmp" => ("image/bmp", "bmp"),
        "mp4" => ("video/mp4", "mp4"),
        "quicktime" => ("video/quicktime", "mov"),
        "matroska" => ("video/webm", "webm"),
        _ => ("application/octet-stream", "bin"),
    };
}
