using DrawingFromDiffusion.App.Curation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DrawingFromDiffusion.Web;

/// <summary>
/// Ratings, favourites, manual tags and collections: the page's writes, through the same <see cref="CurationService"/>
/// as `dfd rate|fav|tag|collection`. Images are named by catalog id only.
/// </summary>
internal static class CurationEndpoints
{
    /// <summary>At most this many ids in one request (a multi-select).</summary>
    public const int MaxIds = 5000;

    public static void MapCurationEndpoints(this IEndpointRouteBuilder app)
    {
        var image = app.MapGroup("/api/images/{id}");
        image.MapGet("/curation", (string id, CurationService curation) => Run(id, imageId => Results.Ok(curation.Of(imageId))))
            .WithName("ImageCuration").WithSummary("An image's stars, favourite mark, manual tags and collections.")
            .Produces<ImageCuration>().ProducesProblem(StatusCodes.Status404NotFound);
        image.MapPost("/rating", (string id, RatingBody body, CurationService curation) => Run(id, imageId =>
        {
            if (body.Stars is not (>= 0 and <= 5))
            {
                return Problems.BadRequest("'stars' must be a whole number from 0 to 5 (DELETE clears the rating).");
            }

            curation.Rate([imageId], body.Stars);
            return Results.Ok(curation.Of(imageId));
        })).WithName("Rate").WithSummary("Set the image's stars: {\"stars\": 0-5}.").Produces<ImageCuration>().ProducesProblem(StatusCodes.Status400BadRequest);
        image.MapDelete("/rating", (string id, CurationService curation) => Run(id, imageId =>
        {
            curation.Rate([imageId], null);
            return Results.Ok(curation.Of(imageId));
        })).WithName("ClearRating").WithSummary("Clear the image's stars.").Produces<ImageCuration>();
        image.MapPost("/favourite", (string id, CurationService curation) => Favourite(id, curation, true))
            .WithName("Favourite").WithSummary("Mark the image as a favourite.").Produces<ImageCuration>();
        image.MapDelete("/favourite", (string id, CurationService curation) => Favourite(id, curation, false))
            .WithName("Unfavourite").WithSummary("Take the favourite mark off.").Produces<ImageCuration>();
        image.MapPost("/tags", (string id, TagsBody body, CurationService curation) => Run(id, imageId =>
        {
            curation.Tag([imageId], body.Tags ?? [], add: true);
            return Results.Ok(curation.Of(imageId));
        })).WithName("AddTags").WithSummary("Add manual tags: {\"tags\": [\"keep\"]}.").Produces<ImageCuration>().ProducesProblem(StatusCodes.Status400BadRequest);
        image.MapDelete("/tags/{tag}", (string id, string tag, CurationService curation) => Run(id, imageId =>
        {
            curation.Tag([imageId], [tag], add: false);
            return Results.Ok(curation.Of(imageId));
        })).WithName("RemoveTag").WithSummary("Remove one manual tag (a tagger pack's tags stay).").Produces<ImageCuration>();

        app.MapGet("/api/tags", (HttpRequest request, CurationService curation) =>
            Results.Ok(new TagList(curation.Tags(request.Query["all"] is var all && (all == "1" || all == "true")))))
            .WithName("Tags").WithSummary("Manual tags with their image counts (all=1: the tagger packs' too).").Produces<TagList>();

        var collections = app.MapGroup("/api/collections");
        collections.MapGet("", (CurationService curation) => Results.Ok(new CollectionList(curation.Collections())))
            .WithName("Collections").WithSummary("Every collection with its number of images.").Produces<CollectionList>();
        collections.MapPost("", (NameBody body, CurationService curation) => Guard(() =>
        {
            var created = curation.CreateCollection(body.Name ?? "");
            var info = curation.Collections().Single(c => string.Equals(c.Name, body.Name, StringComparison.OrdinalIgnoreCase));
            return created ? Results.Created($"/api/collections/{Uri.EscapeDataString(info.Name)}", info) : Results.Ok(info);
        })).WithName("CreateCollection").WithSummary("Create a collection: {\"name\": \"thesis-ch2\"} (200 when it exists already).")
            .Produces<CollectionInfo>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        collections.MapGet("/{name}", (string name, CurationService curation) => Guard(() => Results.Ok(curation.Show(name))))
            .WithName("Collection").WithSummary("A collection's images in the order they were added.").Produces<CollectionContents>().ProducesProblem(StatusCodes.Status404NotFound);
        collections.MapDelete("/{name}", (string name, CurationService curation) => Guard(() =>
        {
            curation.DeleteCollection(name);
            return Results.NoContent();
        })).WithName("DeleteCollection").WithSummary("Delete a collection (its images stay in the catalog).").Produces(StatusCodes.Status204NoContent);
        collections.MapPost("/{name}/images", (string name, IdsBody body, CurationService curation) => Guard(() =>
            body.Ids is not { Count: > 0 and <= MaxIds } ids
                ? Problems.BadRequest($"'ids' must list 1 to {MaxIds} image ids.")
                : Results.Ok(curation.AddToCollection(name, ids))))
            .WithName("AddToCollection").WithSummary("Add images (a multi-select) at the collection's end, creating it when needed: {\"ids\": [1, 2]}.")
            .Produces<CollectionChange>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        collections.MapDelete("/{name}/images/{id}", (string name, string id, CurationService curation) => Run(id, imageId =>
            Results.Ok(curation.RemoveFromCollection(name, [imageId]))))
            .WithName("RemoveFromCollection").WithSummary("Take one image out of the collection.").Produces<CollectionChange>();
    }

    private static IResult Favourite(string id, CurationService curation, bool favourite) => Run(id, imageId =>
    {
        curation.Favourite([imageId], favourite);
        return Results.Ok(curation.Of(imageId));
    });

    private static IResult Run(string id, Func<long, IResult> action) =>
        RequestParser.TryId(id, out var imageId, out var problem) ? Guard(() => action(imageId)) : problem!;

    private static IResult Guard(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (CurationException ex)
        {
            return ex.Fault switch
            {
                CurationFault.NotFound => Problems.NotFound(ex.Message),
                CurationFault.ReadOnly => Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Read-only catalog"),
                _ => Problems.BadRequest(ex.Message),
            };
        }
    }

    internal sealed record RatingBody(int? Stars);

    internal sealed record TagsBody(IReadOnlyList<string>? Tags);

    internal sealed record NameBody(string? Name);

    internal sealed record IdsBody(IReadOnlyList<long>? Ids);

    internal sealed record TagList(IReadOnlyList<TagUse> Tags);

    internal sealed record CollectionList(IReadOnlyList<CollectionInfo> Collections);
}
