using System.Globalization;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Curation;

namespace DrawingFromDiffusion.Storage;

/// <summary>What a training-set export reads of each image: content hash, kind, size, prompt, files and tags.</summary>
public sealed class DatasetSources(CatalogDatabase database)
{
    public IReadOnlyDictionary<long, DatasetSource> Of(IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var sources = new Dictionary<long, DatasetSource>();
        using var connection = database.Connect();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            var list = string.Join(',', chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)));
            var paths = new Dictionary<long, List<string>>();
            var tags = new Dictionary<long, List<string>>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT image_id, path FROM files WHERE image_id IN ({list}) ORDER BY image_id, path";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    Add(paths, reader.GetInt64(0), reader.GetString(1));
                }
            }

            using (var command = connection.CreateCommand())
            {
                // Manual tags first in the order given, then the packs' general and character tags, best first (ratings describe no content).
                command.CommandText = $"""
                    SELECT image_id, name FROM image_tags WHERE image_id IN ({list}) AND category <> 'rating'
                    GROUP BY image_id, name ORDER BY image_id, max(model_id = $user) DESC, max(score) DESC, min(rowid)
                    """;
                command.Parameters.AddWithValue("$user", CurationNames.UserTagModel);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    Add(tags, reader.GetInt64(0), reader.GetString(1));
                }
            }

            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"""
                    SELECT i.id, i.content_hash, i.format, i.width, i.height, i.kind, i.video_id, g.prompt, r.stars
                    FROM images i LEFT JOIN generation g ON g.image_id = i.id LEFT JOIN ratings r ON r.image_id = i.id
                    WHERE i.id IN ({list})
                    """;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var id = reader.GetInt64(0);
                    sources[id] = new DatasetSource(
                        id, ContentHash.FromBytes((byte[])reader[1]), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4),
                        reader.GetString(5) != "image" || !reader.IsDBNull(6) || reader.GetString(2) is "mp4" or "quicktime" or "matroska",
                        reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetInt32(8),
                        paths.GetValueOrDefault(id) ?? [], tags.GetValueOrDefault(id) ?? []);
                }
            }
        }

        return sources;
    }

    private static void Add(Dictionary<long, List<string>> map, long id, string value)
    {
        if (!map.TryGetValue(id, out var list))
        {
            map[id] = list = [];
        }

        list.Add(value);
    }
}

/// <summary>One image as a training-set export sees it.</summary>
/// <param name="IsMotion">a video or one of its frames: not a still picture to train on.</param>
/// <param name="Paths">its catalogued files, by path.</param>
/// <param name="Tags">manual tags first, then the tagger packs' (no rating tags).</param>
public sealed record DatasetSource(
    long ImageId,
    ContentHash Hash,
    string Format,
    int Width,
    int Height,
    bool IsMotion,
    string? Prompt,
    int? Rating,
    IReadOnlyList<string> Paths,
    IReadOnlyList<string> Tags);
