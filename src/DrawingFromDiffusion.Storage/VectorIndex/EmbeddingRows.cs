using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage.VectorIndex;

/// <summary>Reads the <c>embeddings</c> table of one model: ids and sequence numbers, and vectors decoded to float32.</summary>
internal static class EmbeddingRows
{
    /// <summary>Every (seq, image id) of the model, in seq order.</summary>
    public static List<(long Seq, long ImageId)> ReadKeys(SqliteConnection connection, string modelId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, image_id FROM embeddings WHERE model_id = $model ORDER BY seq";
        command.Parameters.AddWithValue("$model", modelId);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, long)>();
        while (reader.Read())
        {
            if ((rows.Count & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            rows.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return rows;
    }

    /// <summary>
    /// Streams vectors with seq above <paramref name="afterSeq"/> (or only the listed <paramref name="onlySeqs"/>) in batches
    /// of <paramref name="batchSize"/>: image ids, a row-major float matrix, and the largest seq of the batch.
    /// Rows whose dims differ from <paramref name="dimensions"/> are counted in <paramref name="skipped"/> and left out.
    /// </summary>
    public static IEnumerable<(long[] Keys, float[] Vectors, long MaxSeq)> ReadVectors(
        SqliteConnection connection,
        string modelId,
        int dimensions,
        long afterSeq,
        IReadOnlyCollection<long>? onlySeqs,
        int batchSize,
        StrongBox<long> skipped,
        CancellationToken cancellationToken)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Embedding BLOBs are little-endian.");
        }

        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$model", modelId);
        if (onlySeqs is null)
        {
            command.CommandText =
                "SELECT image_id, dims, dtype, vector, seq FROM embeddings WHERE model_id = $model AND seq > $after ORDER BY seq";
            command.Parameters.AddWithValue("$after", afterSeq);
        }
        else
        {
            command.CommandText =
                "SELECT image_id, dims, dtype, vector, seq FROM embeddings WHERE model_id = $model AND seq IN (SELECT value FROM json_each($seqs)) ORDER BY seq";
            command.Parameters.AddWithValue("$seqs", "[" + string.Join(',', onlySeqs) + "]");
        }

        using var reader = command.ExecuteReader();
        var keys = new List<long>(batchSize);
        var vectors = new float[batchSize * dimensions];
        var maxSeq = afterSeq;
        while (reader.Read())
        {
            var imageId = reader.GetInt64(0);
            var dims = reader.GetInt32(1);
            var dtype = reader.GetString(2);
            var blob = (byte[])reader.GetValue(3);
            maxSeq = Math.Max(maxSeq, reader.GetInt64(4));
            if (dims != dimensions || !TryDecode(dtype, blob, vectors.AsSpan(keys.Count * dimensions, dimensions)))
            {
                skipped.Value++;
                continue;
            }

            keys.Add(imageId);
            if (keys.Count == batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return ([.. keys], vectors, maxSeq);
                keys.Clear();
                vectors = new float[batchSize * dimensions];
            }
        }

        if (keys.Count > 0)
        {
            yield return ([.. keys], vectors[..(keys.Count * dimensions)], maxSeq);
        }
    }

    private static bool TryDecode(string dtype, byte[] blob, Span<float> destination)
    {
        switch (dtype)
        {
            case "f32" when blob.Length == destination.Length * sizeof(float):
                MemoryMarshal.Cast<byte, float>(blob).CopyTo(destination);
                return true;
            case "f16" when blob.Length == destination.Length * 2:
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(blob), destination);
                return true;
            default:
                return false;
        }
    }
}
