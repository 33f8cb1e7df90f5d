using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>Reads and replaces the stored cluster assignment (tables <c>clusters</c> and <c>cluster_members</c>).</summary>
public sealed class ClusterStore(CatalogDatabase database)
{
    public void Replace(IReadOnlyList<StoredCluster> clusters, IReadOnlyList<StoredClusterMember> members, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(members);
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        using (var clear = connection.CreateCommand())
        {
            clear.CommandText = "DELETE FROM cluster_members; DELETE FROM clusters;";
            clear.ExecuteNonQuery();
        }

        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO clusters (cluster, model_id, size, medoid_image_id, label, terms_json, created_at)
                VALUES ($c, $m, $s, $medoid, $label, $terms, $at)
                """;
            var c = insert.Parameters.Add("$c", Microsoft.Data.Sqlite.SqliteType.Integer);
            var m = insert.Parameters.Add("$m", Microsoft.Data.Sqlite.SqliteType.Text);
            var s = insert.Parameters.Add("$s", Microsoft.Data.Sqlite.SqliteType.Integer);
            var medoid = insert.Parameters.Add("$medoid", Microsoft.Data.Sqlite.SqliteType.Integer);
            var label = insert.Parameters.Add("$label", Microsoft.Data.Sqlite.SqliteType.Text);
            var terms = insert.Parameters.Add("$terms", Microsoft.Data.Sqlite.SqliteType.Text);
            var at = insert.Parameters.Add("$at", Microsoft.Data.Sqlite.SqliteType.Text);
            foreach (var cluster in clusters)
            {
                c.Value = cluster.Cluster;
                m.Value = cluster.ModelId;
                s.Value = cluster.Size;
                medoid.Value = cluster.MedoidImageId is { } id ? id : DBNull.Value;
                label.Value = cluster.Label;
                terms.Value = JsonSerializer.Serialize(cluster.Terms);
                at.Value = cluster.CreatedAt.ToString("O", CultureInfo.InvariantCulture);
                insert.ExecuteNonQuery();
            }
        }

        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO cluster_members (image_id, cluster, similarity, map_x, map_y) VALUES ($i, $c, $s, $x, $y)";
            var i = insert.Parameters.Add("$i", Microsoft.Data.Sqlite.SqliteType.Integer);
            var c = insert.Parameters.Add("$c", Microsoft.Data.Sqlite.SqliteType.Integer);
            var s = insert.Parameters.Add("$s", Microsoft.Data.Sqlite.SqliteType.Real);
            var x = insert.Parameters.Add("$x", Microsoft.Data.Sqlite.SqliteType.Real);
            var y = insert.Parameters.Add("$y", Microsoft.Data.Sqlite.SqliteType.Real);
            for (var n = 0; n < members.Count; n++)
            {
                if ((n & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var member = members[n];
                i.Value = member.ImageId;
                c.Value = member.Cluster;
                s.Value = member.Similarity;
                x.Value = member.MapX;
                y.Value = member.MapY;
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    public List<StoredCluster> Clusters()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT cluster, model_id, size, medoid_image_id, label, terms_json, created_at FROM clusters ORDER BY cluster";
        using var reader = command.ExecuteReader();
        var list = new List<StoredCluster>();
        while (reader.Read())
        {
            list.Add(new StoredCluster(
                reader.GetInt32(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.GetString(4),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(5)) ?? [],
                DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture)));
        }

        return list;
    }

    /// <summary>Every member, best fit first within each cluster.</summary>
    public List<StoredClusterMember> Members()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT image_id, cluster, similarity, map_x, map_y FROM cluster_members ORDER BY cluster, similarity DESC, image_id";
        using var reader = command.ExecuteReader();
        var list = new List<StoredClusterMember>();
        while (reader.Read())
        {
            list.Add(new StoredClusterMember(reader.GetInt64(0), reader.GetInt32(1), reader.GetFloat(2), reader.GetFloat(3), reader.GetFloat(4)));
        }

        return list;
    }

    /// <summary>The stored clusters and their members; none for a catalog from before the clusters tables.</summary>
    public (List<StoredCluster> Clusters, List<StoredClusterMember> Members) StoredOrNone()
    {
        try
        {
            return (Clusters(), Members());
        }
        catch (SqliteException)
        {
            return ([], []);
        }
    }
}
