using DrawingFromDiffusion.App.Contracts;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.App.Browsing;

/// <summary>How the web's searches select and read a result row, over `images i LEFT JOIN generation g`.</summary>
internal static class HitRows
{
    public const string HitColumns = "i.id, i.width, i.height, i.format, g.generator, g.model, g.prompt, i.kind, i.video_id, i.timestamp_ms, "
        + "(SELECT min(f.path) FROM files f WHERE f.image_id = coalesce(i.video_id, i.id))";

    public const string From = "images i LEFT JOIN generation g ON g.image_id = i.id";

    /// <summary>Reads a row selected with <see cref="HitColumns"/>.</summary>
    public static SearchHit ReadHit(SqliteDataReader reader, double? score, string why) => new(
        reader.GetInt64(0),
        score,
        why,
        reader.GetInt32(1),
        reader.GetInt32(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : Shorten(reader.GetString(6)),
        reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetInt64(8),
        reader.IsDBNull(9) ? null : reader.GetInt64(9),
        reader.IsDBNull(10) ? null : Path.GetFileName(reader.GetString(10)));

    /// <summary>A prompt as results show it: at most 300 characters.</summary>
    public static string Shorten(string prompt) => prompt.Length <= 300 ? prompt : string.Concat(prompt.AsSpan(0, 299), "…");
}
