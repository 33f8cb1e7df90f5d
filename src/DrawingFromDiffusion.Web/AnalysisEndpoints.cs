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
                if (!RequestParser.TryInt(request.Query["limit"], "limit", 1, WebLimits.MaxDuplicateGroups, WebLimits.DefaultDuplicateGroups, out var limit, out var problem))
                {
                    return problem!;
                }

                return Results.Ok(await analysis.DuplicatesAsync(limit, cancellationToken));
            })
            .WithName("Duplicates")
            .WithSummary("Near-duplicate groups, largest first, each with a suggested keeper and why. Nothing is deleted.")
            .Produces<DuplicateReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/api/clusters", async (AnalysisService analysis, CancellationToken cancellationToken) => Results.Ok(await analysis.ClustersAsync(cancellationToken)))
            .WithName("Clusters")
            .WithSummary("Style clusters with labels and contact-sheet samples, and the 2-D map.")
            .Produces<ClusterReport>();

        app.MapGet("/api/stats", (AnalysisService analysis) => Results.Ok(analysis.Stats()))
            .WithName("Stats")
            .WithSummary("What the catalog holds (as `dfd stats --json`).");
    }
}
