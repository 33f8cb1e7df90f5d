using System.Buffers.Binary;
using System.Numerics.Tensors;

namespace DrawingFromDiffusion.Core.Embeddings;

public static class VectorMath
{
    /// <summary>Scales to unit length in place; a zero vector stays zero.</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.CosineSimilarity(a, b);

    /// <summary>Little-endian storage form of <paramref name="vector"/>: float16 (half the size) or float32.</summary>
    public static byte[] ToBytes(ReadOnlySpan<float> vector, VectorPrecision precision)
    {
        if (precision == VectorPrecision.Float32)
        {
            var bytes = new byte[vector.Length * 4];
            for (var i = 0; i < vector.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), vector[i]);
            }

            return bytes;
        }

        var halves = new byte[vector.Length * 2];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(halves.AsSpan(i * 2), (Half)vector[i]);
        }

        return halves;
    }

    public static float[] FromBytes(ReadOnlySpan<byte> bytes, VectorPrecision precision)
    {
        if (precision == VectorPrecision.Float32)
        {
            var floats = new float[bytes.Length / 4];
            for (var i = 0; i < floats.Length; i++)
            {
                floats[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
            }

            return floats;
        }

        var result = new float[bytes.Length / 2];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(i * 2)..]);
        }

        return result;
    }
}
