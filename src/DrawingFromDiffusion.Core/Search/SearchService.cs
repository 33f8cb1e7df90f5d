using System.Numerics.Tensors;
using DrawingFromDiffusion.Core.VectorIndex;

namespace DrawingFromDiffusion.Core.Search;

/// <summary>
/// Ranks images by a query vector over one model's index: normalises the query, applies the caller's filter inside the
/// index search (so k results come back when k match), and leaves out excluded keys such as the query image itself.
/// </summary>
public sealed class SearchService(IVectorIndex index)
{
    public const int MaxResults = 1000;

    public int Dimensions => index.Dimensions;

    /// <summary>The <paramref name="k"/> closest images, closest first.</summary>
    /// <param name="filter">keys to keep (catalog filters such as model, LoRA, seed); null keeps all.</param>
    /// <param name="exclude">keys never returned, e.g. the image a "similar" query starts from.</param>
    public IReadOnlyList<VectorHit> Search(
        ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null, IReadOnlySet<long>? exclude = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, MaxResults);
        if (query.Length != index.Dimensions)
        {
            throw new ArgumentException($"Expected a {index.Dimensions}-dimensional query, got {query.Length}.", nameof(query));
        }

        var normalised = Normalise(query);
        var accept = (filter, exclude) switch
        {
            (_, null or { Count: 0 }) => filter,
            (null, _) => key => !exclude.Contains(key),
            _ => key => !exclude.Contains(key) && filter(key),
        };
        return index.Search(normalised, k, accept);
    }

    /// <summary>
    /// A weighted sum of normalised vectors, normalised again: "fox + night − people" is (1, fox), (1, night), (−1, people).
    /// </summary>
    public static float[] Combine(IEnumerable<(float Weight, float[] Vector)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        float[]? sum = null;
        foreach (var (weight, vector) in terms)
        {
            sum ??= new float[vector.Length];
            if (vector.Length != sum.Length)
            {
                throw new ArgumentException("Query terms have different dimensions.", nameof(terms));
            }

            TensorPrimitives.MultiplyAdd(Normalise(vector), weight, sum, sum);
        }

        return sum is null ? throw new ArgumentException("No query terms.", nameof(terms)) : Normalise(sum);
    }

    private static float[] Normalise(ReadOnlySpan<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (!(norm > 1e-12f) || float.IsInfinity(norm))
        {
            throw new ArgumentException("The query vector is zero or not finite (did the terms cancel out?).", nameof(vector));
        }

        var copy = new float[vector.Length];
        TensorPrimitives.Divide(vector, norm, copy);
        return copy;
    }
}
