using DrawingFromDiffusion.App.Clustering;
using DrawingFromDiffusion.App.Contracts;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Browsing;

/// <summary>
/// The analysis behind the web API: duplicate groups from `dfd dupes` at its defaults (through
/// <see cref="Duplicates.DupesService"/>, so groups a `dfd dupes` run stored are reused), and clusters from the
/// assignment `dfd clusters` stored, with their vectors for the page's map. A duplicate computation logs its stages as
/// `dfd dupes` prints them.
/// </summary>
public sealed partial class AnalysisService(ReadOnlyCatalog catalog, ILogger<AnalysisService>? logger = null) : IDisposable
{
    public const int SampleSize = 24;
    public const string NoClustersNote = "No style clusters yet: run `dfd clusters` to compute and store them.";

    public Task<ClusterReport> ClustersAsync(CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            var (clusters, members) = ClustersService.Stored(catalog.Database);
            if (clusters.Count == 0)
            {
                return new ClusterReport([], [], NoClustersNote);
            }

            var names = FileNames();
            var byCluster = members.GroupBy(m => m.Cluster).ToDictionary(g => g.Key, g => g.ToList());
            var infos = clusters.Select(c => Info(c, byCluster.GetValueOrDefault(c.Cluster) ?? [], names)).ToList();
            float minX = members.Min(m => m.MapX), maxX = members.Max(m => m.MapX), minY = members.Min(m => m.MapY), maxY = members.Max(m => m.MapY);
            var map = members.Select(m => new MapPoint(m.ImageId, Scale(m.MapX, minX, maxX), Scale(m.MapY, minY, maxY), m.Cluster)).ToList();
            return new ClusterReport(infos, map, $"{clusters.Count} clusters of {clusters[0].ModelId} vectors, computed {clusters[0].CreatedAt:yyyy-MM-dd HH:mm} UTC");
        },
        cancellationToken);

    /// <summary>One page of a cluster's images, nearest the centre first; null when there is no such cluster.</summary>
    public Task<ClusterMembers?> ClusterMembersAsync(int cluster, int offset, int limit, CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            var (clusters, members) = ClustersService.Stored(catalog.Database);
            if (clusters.FirstOrDefault(c => c.Cluster == cluster) is not { } stored)
            {
                return null;
            }

            var names = FileNames();
            var own = members.Where(m => m.Cluster == cluster).ToList();
            var page = own.Skip(offset).Take(limit).Select(m => new ClusterImage(m.ImageId, names.GetValueOrDefault(m.ImageId))).ToList();
            return new ClusterMembers(Info(stored, own, names), page, own.Count, offset);
        },
        cancellationToken);

    /// <summary>
    /// The clustered images' vectors for the page's map: at most <paramref name="limit"/>, taken evenly along every
    /// cluster's member list, so small clusters keep their share.
    /// </summary>
    public Task<ClusterPoints> ClusterPointsAsync(int limit, CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            var (clusters, members) = ClustersService.Stored(catalog.Database);
            if (clusters.Count == 0)
            {
                return new ClusterPoints(null, 0, 0, [], "");
            }

            var modelId = clusters[0].ModelId;
            var (ids, vectors, dims) = new AnalysisInputs(catalog.Database).Vectors(modelId, cancellationToken);
            var row = new Dictionary<long, int>(ids.Length);
            for (var i = 0; i < ids.Length; i++)
            {
                row[ids[i]] = i;
            }

            var withVectors = members.Where(m => row.ContainsKey(m.ImageId)).ToList();
            var chosen = MapSample.Take(withVectors, limit, m => m.Cluster);
            var names = FileNames();
            var points = chosen.Select(m => new ClusterPoint(m.ImageId, m.Cluster, names.GetValueOrDefault(m.ImageId))).ToList();
            var bytes = MapSample.Quantise(vectors, dims, chosen.Select(m => row[m.ImageId]));
            return new ClusterPoints(modelId, dims, withVectors.Count, points, Convert.ToBase64String(bytes));
        },
        cancellationToken);

    /// <summary>The cluster holding <paramref name="imageId"/>, or null when there are no clusters.</summary>
    public Task<ClusterInfo?> ClusterOfAsync(long imageId, CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            var (clusters, members) = ClustersService.Stored(catalog.Database);
            var member = members.FirstOrDefault(m => m.ImageId == imageId);
            var cluster = member is null ? null : clusters.FirstOrDefault(c => c.Cluster == member.Cluster);
            return cluster is null ? null : Info(cluster, [.. members.Where(m => m.Cluster == cluster.Cluster)], FileNames());
        },
        cancellationToken);

    /// <summary>What the catalog holds (as `dfd stats --json`).</summary>
    public CatalogStats Stats() => new CatalogQueries(catalog.Database).Stats();

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    private static ClusterInfo Info(StoredCluster cluster, List<StoredClusterMember> members, Dictionary<long, string> names) =>
        new(cluster.Cluster, cluster.Label, cluster.Size, cluster.Terms, [.. members.Take(SampleSize).Select(m => new ClusterImage(m.ImageId, names.GetValueOrDefault(m.ImageId)))]);

    private static double Scale(float value, float min, float max) => max > min ? (value - min) / (max - min) : 0.5;

    private Dictionary<long, string> FileNames() =>
        new AnalysisInputs(catalog.Database).Paths().ToDictionary(p => p.Key, p => Path.GetFileName(p.Value));
}
