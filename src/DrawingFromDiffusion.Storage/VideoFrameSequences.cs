using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Storage;

/// <summary>Each catalogued video's sampled frame hashes in time order.</summary>
public sealed class VideoFrameSequences(CatalogDatabase database)
{
    public List<VideoHashes> All(CancellationToken cancellationToken)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT v.image_id, v.duration_ms, f.timestamp_ms, f.phash
            FROM videos v JOIN images f ON f.video_id = v.image_id
            WHERE f.phash IS NOT NULL
            ORDER BY v.image_id, f.timestamp_ms
            """;
        using var reader = command.ExecuteReader();
        var videos = new List<VideoHashes>();
        List<FrameHash>? frames = null;
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (videos.Count == 0 || videos[^1].VideoId != id)
            {
                cancellationToken.ThrowIfCancellationRequested();
                frames = [];
                videos.Add(new VideoHashes(id, reader.GetInt64(1), frames));
            }

            frames!.Add(new FrameHash(reader.IsDBNull(2) ? 0 : reader.GetInt64(2), unchecked((ulong)reader.GetInt64(3))));
        }

        return videos;
    }
}
