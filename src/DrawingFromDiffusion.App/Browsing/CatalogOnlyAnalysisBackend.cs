using System.Globalization;
using System.Numerics;
using DrawingFromDiffusion.App.Contracts;

namespace DrawingFromDiffusion.App.Browsing;

/// <summary>
/// Stand-in analysis from the catalog alone, until the duplicate finder and the style clusterer are wired in:
/// exact groups are one content stored at several paths, perceptual groups are images whose pHashes differ in
/// at most <see cref="MaxPHashDistance"/> bits (pairwise, over the first <see cref="MaxImagesCompared"/> images).
/// There are no clusters.
/// </summary>
public sealed class CatalogOnlyAnalysisBackend(ReadOnlyCatalog catalog) : IAnalysisBackend
{
    public const int MaxPHashDistance = 4;
    public const int MaxImagesCompared = 5000;
    public const string NoClustersNote = "No style clusters yet: they are computed from image embeddings, which this catalog has no index for.";

    public async Task<DuplicateReport> DuplicatesAsync(int limit, CancellationToken cancellationToken)
    {
        var (groups, truncated) = await FindAsync(cancellationToken);
        var note = truncated ? $"Perceptual duplicates were looked for among the first {MaxImagesCompared} images only." : null;
        return new DuplicateReport(groups.Take(limit).ToList(), note);
    }

    public async Task<DuplicateGroup?> DuplicateGroupOfAsync(long imageId, CancellationToken cancellationToken)
    {
        var (groups, _) = await FindAsync(cancellationToken);
        // An image in both kinds of group is shown with the perceptual one: it holds the exact copies' image too.
        return groups.OrderBy(g => g.Kind == "perceptual" ? 0 : 1).FirstOrDefault(g => g.Members.Any(m => m.ImageId == imageId));
    }

    public Task<ClusterReport> ClustersAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ClusterReport([], [], NoClustersNote));

    public Task<ClusterInfo?> ClusterOfAsync(long imageId, CancellationToken cancellationToken) =>
        Task.FromResult<ClusterInfo?>(null);

    private async Task<(List<DuplicateGroup> Groups, bool Truncated)> FindAsync(CancellationToken cancellationToken)
    {
        var images = new List<Row>();
        var files = new Dictionary<long, List<(string Path, long Ticks)>>();
        await using (var connection = await catalog.OpenAsync(cancellationToken))
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT id, phash, width, height, byte_size FROM images WHERE phash IS NOT NULL ORDER BY id LIMIT $max";
                command.Parameters.AddWithValue("$max", MaxImagesCompared + 1);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    images.Add(new Row(reader.GetInt64(0), unchecked((ulong)reader.GetInt64(1)), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt64(4)));
                }
            }

            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT image_id, path, mtime_ticks FROM files ORDER BY image_id, mtime_ticks, path";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetInt64(0);
                    if (!files.TryGetValue(id, out var list))
                    {
                        files[id] = list = [];
                    }

                    list.Add((reader.GetString(1), reader.GetInt64(2)));
                }
            }
        }

        var truncated = images.Count > MaxImagesCompared;
        if (truncated)
        {
            images.RemoveAt(images.Count - 1);
        }

        var groups = new List<DuplicateGroup>();
        groups.AddRange(PerceptualGroups(images, files, cancellationToken));
        groups.AddRange(ExactGroups(images, files));
        groups.Sort((a, b) => b.Members.Count != a.Members.Count ? b.Members.Count.CompareTo(a.Members.Count) : string.CompareOrdinal(a.Id, b.Id));
        return (groups, truncated);
    }

    private static IEnumerable<DuplicateGroup> ExactGroups(List<Row> images, Dictionary<long, List<(string Path, long Ticks)>> files)
    {
        foreach (var image in images)
        {
            if (!files.TryGetValue(image.Id, out var copies) || copies.Count < 2)
            {
                continue;
            }

            // copies are ordered oldest first: the first saved copy is the one to keep.
            var members = copies.Select((c, i) => new DuplicateMember(image.Id, c.Path, image.Width, image.Height, image.ByteSize, 0, i == 0)).ToList();
            yield return new DuplicateGroup($"exact-{image.Id}", "exact", members, "identical content at several paths; the oldest file is kept");
        }
    }

    private static List<DuplicateGroup> PerceptualGroups(List<Row> images, Dictionary<long, List<(string Path, long Ticks)>> files, CancellationToken cancellationToken)
    {
        var parent = Enumerable.Range(0, images.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        for (var a = 0; a < images.Count; a++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var b = a + 1; b < images.Count; b++)
            {
                if (BitOperations.PopCount(images[a].PHash ^ images[b].PHash) <= MaxPHashDistance)
                {
                    parent[Find(a)] = Find(b);
                }
            }
        }

        var groups = new List<DuplicateGroup>();
        foreach (var set in Enumerable.Range(0, images.Count).GroupBy(Find).Where(g => g.Count() > 1))
        {
            var rows = set.Select(i => images[i]).ToList();
            // The keeper is the most complete copy: most pixels, then most bytes (less compression), then the oldest.
            var keeper = rows.OrderByDescending(r => (long)r.Width * r.Height).ThenByDescending(r => r.ByteSize).ThenBy(r => r.Id).First();
            var members = rows
                .Select(r => new DuplicateMember(
                    r.Id,
                    files.TryGetValue(r.Id, out var list) ? list[0].Path : null,
                    r.Width,
                    r.Height,
                    r.ByteSize,
                    BitOperations.PopCount(r.PHash ^ keeper.PHash),
                    r.Id == keeper.Id))
                .OrderByDescending(m => m.IsKeeper).ThenBy(m => m.Distance).ThenBy(m => m.ImageId)
                .ToList();
            var reason = string.Create(CultureInfo.InvariantCulture, $"pHash within {MaxPHashDistance} bits; kept the largest ({keeper.Width}×{keeper.Height}, {keeper.ByteSize} bytes)");
            groups.Add(new DuplicateGroup($"phash-{keeper.Id}", "perceptual", members, reason));
        }

        return groups;
    }

    private sealed record Row(long Id, ulong PHash, int Width, int Height, long ByteSize);
}
