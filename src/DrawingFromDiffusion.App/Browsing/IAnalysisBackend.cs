using DrawingFromDiffusion.App.Contracts;

namespace DrawingFromDiffusion.App.Browsing;

/// <summary>
/// Near-duplicate groups and style clusters for the web API. <see cref="CatalogOnlyAnalysisBackend"/> finds exact
/// and pHash duplicates from the catalog and has no clusters, until the real analysis services land.
/// </summary>
public interface IAnalysisBackend
{
    Task<DuplicateReport> DuplicatesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The group holding <paramref name="imageId"/>, or null when it has no duplicate.</summary>
    Task<DuplicateGroup?> DuplicateGroupOfAsync(long imageId, CancellationToken cancellationToken);

    Task<ClusterReport> ClustersAsync(CancellationToken cancellationToken);

    /// <summary>The cluster holding <paramref name="imageId"/>, or null when there are no clusters.</summary>
    Task<ClusterInfo?> ClusterOfAsync(long imageId, CancellationToken cancellationToken);
}
