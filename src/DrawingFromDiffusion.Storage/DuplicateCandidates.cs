using DrawingFromDiffusion.Core.Duplicates;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>What the duplicate search reads from the catalog: one row per file of a still image or a video.</summary>
public sealed class DuplicateCandidates(CatalogDatabase database)
{
    /// <summary>Every file of every still image and video (sampled frames left out), ordered by path so output is stable.</summary>
    public List<DuplicateCandidate> All(CancellationToken cancellationToken)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i.id, f.path, i.width, i.height, i.phash, i.dhash, f.mtime_ticks,
                   EXISTS (SELECT 1 FROM generation g WHERE g.image_id = i.id), i.kind = 'video'
            FROM files f JOIN images i ON i.id = f.image_id
            WHERE i.kind IN ('image', 'video')
            ORDER BY f.path
            """;
        using var reader = command.ExecuteReader();
        var list = new List<DuplicateCandidate>();
        while (reader.Read())
        {
            if ((list.Count & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            list.Add(new DuplicateCandidate(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.GetInt32(3),
                Hash(reader, 4),
                Hash(reader, 5),
                new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
                reader.GetInt64(7) != 0,
                reader.GetInt64(8) != 0));
        }

        return list;
    }

    private static ulong? Hash(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : unchecked((ulong)reader.GetInt64(column));
}
