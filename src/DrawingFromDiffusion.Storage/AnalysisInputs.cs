using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Storage.VectorIndex;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>What the clusterer and the variation tier read from the catalog.</summary>
public sealed class AnalysisInputs(CatalogDatabase database)
{
    /// <summary>
    /// Every image's vector of <paramref name="modelId"/>, image ids in ascending order and a row-major matrix. A video
    /// is one row under its own id (its file and metadata), the normalised mean of its sampled frames' vectors, so a
    /// cluster or an export counts it once.
    /// </summary>
    public (long[] ImageIds, float[] Vectors, int Dimensions) Vectors(string modelId, CancellationToken cancellationToken)
    {
        using var connection = database.Connect();
        int dims;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT dims FROM embeddings WHERE model_id = $m GROUP BY dims ORDER BY count(*) DESC LIMIT 1";
            command.Parameters.AddWithValue("$m", modelId);
            if (command.ExecuteScalar() is not long d)
            {
                return ([], [], 0);
            }

            dims = (int)d;
        }

        var ids = new List<long>();
        var vectors = new List<float>();
        var skipped = new StrongBox<long>();
        foreach (var (keys, batch, _) in EmbeddingRows.ReadVectors(connection, modelId, dims, 0, null, 4096, skipped, cancellationToken))
        {
            ids.AddRange(keys);
            vectors.AddRange(batch);
        }

        FoldFramesIntoVideos(connection, ids, vectors, dims);

        // Rows come in seq order; sort by image id so a run's input order does not depend on embedding history.
        var order = Enumerable.Range(0, ids.Count).OrderBy(i => ids[i]).ToArray();
        var sortedIds = new long[ids.Count];
        var sorted = new float[vectors.Count];
        var all = vectors.ToArray();
        for (var r = 0; r < order.Length; r++)
        {
            sortedIds[r] = ids[order[r]];
            all.AsSpan(order[r] * dims, dims).CopyTo(sorted.AsSpan(r * dims, dims));
        }

        return (sortedIds, sorted, dims);
    }

    private static void FoldFramesIntoVideos(SqliteConnection connection, List<long> ids, List<float> vectors, int dims)
    {
        var videoOf = new Dictionary<long, long>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, video_id FROM images WHERE video_id IS NOT NULL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                videoOf[reader.GetInt64(0)] = reader.GetInt64(1);
            }
        }

        if (videoOf.Count == 0)
        {
            return;
        }

        var sums = new Dictionary<long, float[]>();
        var keptIds = new List<long>(ids.Count);
        var kept = new List<float>(vectors.Count);
        var all = CollectionsMarshal.AsSpan(vectors);
        for (var row = 0; row < ids.Count; row++)
        {
            var vector = all.Slice(row * dims, dims);
            if (videoOf.TryGetValue(ids[row], out var video))
            {
                if (!sums.TryGetValue(video, out var sum))
                {
                    sums[video] = sum = new float[dims];
                }

                TensorPrimitives.Add(sum, vector, sum);
            }
            else
            {
                keptIds.Add(ids[row]);
                kept.AddRange(vector);
            }
        }

        foreach (var (video, sum) in sums)
        {
            var norm = TensorPrimitives.Norm(sum);
            if (norm > 0)
            {
                TensorPrimitives.Divide(sum, norm, sum);
            }

            keptIds.Add(video);
            kept.AddRange(sum);
        }

        ids.Clear();
        ids.AddRange(keptIds);
        vectors.Clear();
        vectors.AddRange(kept);
    }

    /// <summary>Generation parameters of every image that has them, with its LoRAs folded into one sorted string.</summary>
    public Dictionary<long, GenerationLineage> Lineage(CancellationToken cancellationToken)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT g.image_id, g.prompt, g.seed, g.steps, g.cfg_scale, g.sampler, g.model, g.width, g.height,
                   (SELECT group_concat(name || ':' || ifnull(weight, ''), ' ') FROM (SELECT name, weight FROM loras l WHERE l.image_id = g.image_id ORDER BY name, weight))
            FROM generation g
            """;
        using var reader = command.ExecuteReader();
        var map = new Dictionary<long, GenerationLineage>();
        while (reader.Read())
        {
            if ((map.Count & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            map[reader.GetInt64(0)] = new GenerationLineage(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetString(9));
        }

        return map;
    }

    /// <summary>Prompt, checkpoint, generator and LoRA names per image, for cluster labels and `--by`.</summary>
    public Dictionary<long, (string? Prompt, string? Model, string? Generator, string[] Loras)> Descriptions(CancellationToken cancellationToken)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT g.image_id, g.prompt, g.model, g.generator,
                   (SELECT group_concat(name, char(31)) FROM loras l WHERE l.image_id = g.image_id)
            FROM generation g
            """;
        using var reader = command.ExecuteReader();
        var map = new Dictionary<long, (string?, string?, string?, string[])>();
        while (reader.Read())
        {
            if ((map.Count & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            map[reader.GetInt64(0)] = (
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? [] : reader.GetString(4).Split('\u001f', StringSplitOptions.RemoveEmptyEntries));
        }

        return map;
    }

    /// <summary>The most common vector length of <paramref name="modelId"/>, or null when it has no vectors.</summary>
    public int? DimensionsOf(string modelId)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT dims FROM embeddings WHERE model_id = $m GROUP BY dims ORDER BY count(*) DESC LIMIT 1";
        command.Parameters.AddWithValue("$m", modelId);
        return command.ExecuteScalar() is long d ? (int)d : null;
    }

    /// <summary>The models that have vectors, most vectors first.</summary>
    public List<(string ModelId, long Count)> Models()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT model_id, count(*) FROM embeddings GROUP BY model_id ORDER BY count(*) DESC, model_id";
        using var reader = command.ExecuteReader();
        var list = new List<(string, long)>();
        while (reader.Read())
        {
            list.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return list;
    }

    /// <summary>The first path of each image.</summary>
    public Dictionary<long, string> Paths()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT image_id, min(path) FROM files GROUP BY image_id";
        using var reader = command.ExecuteReader();
        var map = new Dictionary<long, string>();
        while (reader.Read())
        {
            map[reader.GetInt64(0)] = reader.GetString(1);
        }

        return map;
    }
}
