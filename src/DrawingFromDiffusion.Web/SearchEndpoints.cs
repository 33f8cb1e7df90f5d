using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.App.Contracts;
using DrawingFromDiffusion.Core.Accounts;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Web.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DrawingFromDiffusion.Web;

/// <summary>/api/search, /api/search/image and /api/facets.</summary>
internal static class SearchEndpoints
{
    public static void MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync)
            .WithName("Search")
            .WithSummary("Search by text (mode auto|text|prompt|hybrid) with filters; an empty q lists the newest images.")
            .Produces<SearchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapPost("/api/search/image", ImageSearchAsync)
            .WithName("SearchByImage")
            .WithSummary("Search with an uploaded image (multipart/form-data, one file, at most 20 MB); it is decoded in memory and never stored.")
            .Produces<SearchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .DisableAntiforgery()
            .RequireRole(Role.Viewer);

        app.MapGet("/api/facets", async (QueryService search, CancellationToken cancellationToken) => Results.Ok(await search.FacetsAsync(cancellationToken)))
            .WithName("Facets")
            .WithSummary("Values for the filter controls (generators, checkpoints, LoRAs with counts; seed range) and the available search modes.")
            .Produces<Facets>();
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, QueryService search, CancellationToken cancellationToken)
    {
        var query = request.Query;
        if (!RequestParser.TryQuery(query["q"], out var text, out var problem)
            || !RequestParser.TryMode(query["mode"], out var mode, out problem)
            || !RequestParser.TryK(query["k"], out var k, out problem)
            || !RequestParser.TryFilters(query, out var filters, out problem))
        {
            return problem!;
        }

        return Results.Ok(await search.SearchAsync(new SearchRequest(text, mode, k, filters), cancellationToken));
    }

    private static async Task<IResult> ImageSearchAsync(HttpRequest request, QueryService search, DecodeQueue decodes, CancellationToken cancellationToken)
    {
        if (!RequestParser.TryK(request.Query["k"], out var k, out var problem)
            || !RequestParser.TryFilters(request.Query, out var filters, out problem))
        {
            return problem!;
        }

        using var slot = await decodes.EnterAsync(cancellationToken);
        if (slot is null)
        {
            return Results.Problem("Too many image searches at once; try again in a moment.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");
        }

        var (image, uploadProblem) = await UploadReader.ReadAsync(request, cancellationToken);
        if (image is null)
        {
            return uploadProblem!;
        }

        return Results.Ok(await search.ImageSearchAsync(image, k, filters, cancellationToken));
    }
}
