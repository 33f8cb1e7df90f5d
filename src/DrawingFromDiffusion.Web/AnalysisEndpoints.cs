using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.App.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DrawingFromDiffusion.Web;

/// <summary>/api/dupes, /api/clusters and /api/stats.</summary>
internal static class AnalysisEndpoints
{
    public static void MapAnalysisEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dupes", async (HttpRequest request, AnalysisService analysis, CancellationToken cancellationToken) =>
            {
                if (!TryPage(request, WebLimits.MaxDuplicateGroups, WebLimits.DefaultDuplicateGroups, out var offset, out var limit, out var problem))
                {
                    return problem!;
                }

                return Results.Ok(await analysis.DuplicatesAsync(offset, limit, cancellationToken));
            })
            .WithName("Duplicates")
            .WithSummary("One page of the near-duplicate groups (offset, limit), largest first, with the total; each with a suggested keeper and why. Nothing is deleted.")
            .Produces<DuplicateReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/api/dupes/progress", async (AnalysisService analysis, CancellationToken cancellationToken) => Results.Ok(await analysis.DuplicatesProgressAsync(cancellationToken)))
            .WithName("DuplicatesProgress")
            .WithSummary("Whether the duplicate groups are ready, or how far their first computation is.")
            .Produces<DuplicatesProgress>();

        app.MapGet("/api/clusters", async (AnalysisService analysis, CancellationToken cancellationToken) => Results.Ok(await analysis.ClustersAsync(cancellationToken)))
            .WithName("Clusters")
            .WithSummary("Style clusters with labels and contact-sheet samples, and the stored 2-D map.")
            .Produces<ClusterReport>();

        app.MapGet("/api/clusters/points", async (HttpRequest request, AnalysisService analysis, CancellationToken cancellationToken) =>
            {
                if (!RequestParser.TryInt(request.Query["limit"], "limit", 1, WebLimits.MaxMapPoints, WebLimits.DefaultMapPoints, out var limit, out var problem))
                {
                    return problem!;
                }

                return Results.Ok(await analysis.ClusterPointsAsync(limit, cancellationToken));
            })
            .WithName("ClusterPoints")
            .WithSummary("The clustered images' vectors (at most limit, taken evenly from every cluster) for the page's map.")
            .Produces<ClusterPoints>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/api/clusters/{cluster}", async (string cluster, HttpRequest request, AnalysisService analysis, CancellationToken cancellationToken) =>
            {
                if (!int.TryParse(cluster, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
                {
                    return Problems.BadRequest($"'{cluster}' is not a cluster number; clusters are numbered 1, 2, 3…");
                }

                if (!TryPage(request, WebLimits.MaxClusterImages, WebLimits.DefaultClusterImages, out var offset, out var limit, out var problem))
                {
                    return problem!;
                }

                return await analysis.ClusterMembersAsync(number, offset, limit, cancellationToken) is { } members
                    ? Results.Ok(members)
                    : Problems.NotFound($"There is no cluster {number}; /api/clusters lists them.");
            })
            .WithName("ClusterImages")
            .WithSummary("One page of a cluster's images (offset, limit), nearest the centre first, with their file names.")
            .Produces<ClusterMembers>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/stats", (AnalysisService analysis) => Results.Ok(analysis.Stats()))
            .WithName("Stats")
            .WithSummary("What the catalog holds (as `dfd stats --json`).");
    }

    private static bool TryPage(HttpRequest request, int maxLimit, int defaultLimit, out int offset, out int limit, out IResult? problem)
    {
        limit = 0;
        return RequestParser.TryInt(request.Query["offset"], "offset", 0, int.MaxValue, 0, out offset, out problem)
            && RequestParser.TryInt(request.Query["limit"], "limit", 1, maxLimit, defaultLimit, out limit, out problem);
    }
}
