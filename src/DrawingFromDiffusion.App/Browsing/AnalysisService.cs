using DrawingFromDiffusion.App.Clustering;
using DrawingFromDiffusion.App.Duplicates;
using DrawingFromDiffusion.App.Contracts;
using DrawingFromDiffusion.App.Progress;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Storage;
using Microsoft.Extensions.Logging;
using CoreGroup = DrawingFromDiffusion.Core.Duplicates.DuplicateGroup;

namespace DrawingFromDiffusion.App.Browsing;

/// <summary>
/// The analysis behind the web API: duplicate groups from every tier of `dfd dupes` at its defaults (semantic when
/// the catalog has vectors), clusters from the assignment `dfd clusters` stored. Groups are computed once and kept
/// for <see cref="CacheFor"/>: the page asks for them often, and the catalog changes only when an index run commits.
/// A computation long enough to matter logs its stages as `dfd dupes` prints them.
/// </summary>
public sealed class AnalysisService(ReadOnlyCatalog catalog, ILogger<AnalysisService>? logger = null) : IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(2);
    public const int SampleSize = 24;
    public const string NoClustersNote = "No style clusters yet: run `dfd clusters` to compute and store them.";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<Contracts.DuplicateGroup> Groups, string? Note)? _cache;

    public async Task<DuplicateReport> DuplicatesAsync(int limit, CancellationToken cancellationToken)
    {
        var (groups, note) = await GroupsAsync(cancellationToken);
        return new DuplicateReport([.. groups.Take(limit)], note);
    }

    /// <summary>The group holding <paramref name="imageId"/>, or null when it has no duplicate.</summary>
    public async Task<Contracts.DuplicateGroup?> DuplicateGroupOfAsync(long imageId, CancellationToken cancellationToken)
    {
        var (groups, _) = await GroupsAsync(cancellationToken);
        return groups.FirstOrDefault(g => g.Members.Any(m => m.ImageId == imageId));
    }

    public Task<ClusterReport> ClustersAsync(CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            var (clusters, members) = ClustersService.Stored(catalog.Database);
            if (clusters.Count == 0)
            {
                return new ClusterReport([], [], NoClustersNote);
            }

            var byCluster = members.GroupBy(m => m.Cluster).ToDictionary(g => g.Key, g => g.ToList());
            var infos = clusters.Select(c => Info(c, byCluster.GetValueOrDefault(c.Cluster) ?? [])).ToList();
            float minX = members.Min(m => m.MapX), maxX = members.Max(m => m.MapX), minY = members.Min(m => m.MapY), maxY = members.Max(m => m.MapY);
            var map = members.Select(m => new MapPoint(m.ImageId, Scale(m.MapX, minX, maxX), Scale(m.MapY, minY, maxY), m.Cluster)).ToList();
            return new ClusterReport(infos, map, $"{clusters.Count} clusters of {clusters[0].ModelId} vectors, computed {clusters[0].CreatedAt:yyyy-MM-dd HH:mm} UTC");
        },
        cancellationToken);

    /// <summary>The cluster holding <paramref name="imageId"/>, or null when there are no clusters.</summary>
    public Task<ClusterInfo?> ClusterOfAsync(long imageId, CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            var (clusters, members) = ClustersService.Stored(catalog.Database);
            var member = members.FirstOrDefault(m => m.ImageId == imageId);
            var cluster = member is null ? null : clusters.FirstOrDefault(c => c.Cluster == member.Cluster);
            return cluster is null ? null : Info(cluster, [.. members.Where(m => m.Cluster == cluster.Cluster)]);
        },
        cancellationToken);

    /// <summary>What the catalog holds (as `dfd stats --json`).</summary>
    public CatalogStats Stats() => new CatalogQueries(catalog.Database).Stats();

    public void Dispose() => _gate.Dispose();

    private static ClusterInfo Info(StoredCluster cluster, List<StoredClusterMember> members) =>
        new(cluster.Cluster, cluster.Label, cluster.Size, cluster.Terms, [.. members.Take(SampleSize).Select(m => m.ImageId)]);

    private static double Scale(float value, float min, float max) => max > min ? (value - min) / (max - min) : 0.5;

    private async Task<(IReadOnlyList<Contracts.DuplicateGroup> Groups, string? Note)> GroupsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cache is { } cached && DateTimeOffset.UtcNow - cached.At < CacheFor)
            {
                return (cached.Groups, cached.Note);
            }

            var database = catalog.Database;
            DupesRun run;
            using (var progress = logger is null ? null : new LoggedStageProgress(logger, "duplicate groups"))
            {
                run = await DupesService.RunAsync(database, new DupesRequest(SaveIndex: false), progress, cancellationToken);
            }

            var note = run.Notices.Count == 0 ? null : string.Join(" ", run.Notices.Select(n => char.ToUpperInvariant(n[0]) + n[1..] + "."));
            var sizes = new CatalogQueries(database).ByteSizes();
            var result = run.Groups.Select(g => Contract(g, sizes)).ToList();
            _cache = (DateTimeOffset.UtcNow, result, note);
            return (result, note);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static Contracts.DuplicateGroup Contract(CoreGroup group, Dictionary<long, long> sizes)
    {
        var weakest = group.Members.Where(m => m.Tier is not null).Max(m => m.Tier!.Value);
        var kind = weakest switch
        {
            DuplicateTier.Identical => "exact",
            DuplicateTier.Visual => "perceptual",
            DuplicateTier.Semantic => "semantic",
            _ => "variation",
        };
        var members = group.Members.Select(m => new Contracts.DuplicateMember(
            m.Candidate.ImageId,
            m.Candidate.Path,
            m.Candidate.Width,
            m.Candidate.Height,
            sizes.GetValueOrDefault(m.Candidate.ImageId),
            m.Distance ?? 0,
            m.IsKeeper)).ToList();
        return new Contracts.DuplicateGroup($"g{group.Number}", kind, members, group.KeeperReason);
    }
}
