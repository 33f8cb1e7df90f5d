using System.Globalization;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>
/// Duplicate groups stored with the catalog state they were computed on (table <c>duplicate_runs</c>), so a second
/// reader of an unchanged catalog does not redo the pixel checks.
/// </summary>
public sealed class DuplicateRunStore(CatalogDatabase database)
{
    /// <summary>
    /// A fingerprint of what the groups depend on: the change counter the catalog's triggers move on every write to
    /// files, vectors and generation records (migration 0009), then counts and sums of those tables.
    /// </summary>
    public string CatalogState()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT counter FROM catalog_changes) || '|' || (SELECT count(*) || ':' || ifnull(max(id), 0) || ':' || ifnull(sum(image_id), 0) || ':' || ifnull(sum(mtime_ticks % 1000000007), 0) || ':' || ifnull(sum(length(path)), 0) FROM files)
                || '|' || (SELECT count(*) || ':' || ifnull(max(seq), 0) FROM embeddings)
                || '|' || (SELECT count(*) FROM generation)
            """;
        return (string)command.ExecuteScalar()!;
    }

    /// <returns>the stored run for <paramref name="settings"/> when it was computed on <paramref name="catalogState"/>, else null.</returns>
    public StoredDuplicateRun? Load(string settings, string catalogState)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT groups_json, note, created_at FROM duplicate_runs WHERE settings = $s AND catalog_state = $state";
        command.Parameters.AddWithValue("$s", settings);
        command.Parameters.AddWithValue("$state", catalogState);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new StoredDuplicateRun(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>Stores a run; on a catalog opened read-only nothing is stored and false comes back.</summary>
    public bool Save(string settings, string catalogState, string groupsJson, string? note)
    {
        if (database.IsReadOnly)
        {
            return false;
        }

        try
        {
            using var connection = database.Connect();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO duplicate_runs (settings, catalog_state, groups_json, note, created_at) VALUES ($s, $state, $json, $note, $at)
                ON CONFLICT (settings) DO UPDATE SET catalog_state = excluded.catalog_state, groups_json = excluded.groups_json,
                    note = excluded.note, created_at = excluded.created_at
                """;
            command.Parameters.AddWithValue("$s", settings);
            command.Parameters.AddWithValue("$state", catalogState);
            command.Parameters.AddWithValue("$json", groupsJson);
            command.Parameters.AddWithValue("$note", (object?)note ?? DBNull.Value);
            command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 8 or 5)
        {
            // 8: read-only catalog (dfd serve), 5: busy. The groups are still right; they are only not kept.
            return false;
        }
    }
}
