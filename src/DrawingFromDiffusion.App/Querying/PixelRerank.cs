using DrawingFromDiffusion.Core.Similar;

namespace DrawingFromDiffusion.App.Querying;

/// <summary>
/// Re-ranks the top of an image query's vector ranking with the copy check (<see cref="CopyMatch"/>: the dupes tier's
/// pixel check on the pictures as they are, mirrored or slightly cropped, then on one background with plain borders
/// trimmed): a candidate that is a copy of the query goes ahead of pictures that merely look alike, strongest match
/// first; the rest keep their vector order. ImageNet and CLIP features see a mirrored, padded or recoloured copy as a
/// different picture more often than they see a sibling drawing of the same family as one (two chess pieces, two
/// flags), and the pixels tell those apart.
/// </summary>
internal static class PixelRerank
{
    /// <summary>
    /// How many of the vector ranking's first candidates are checked: the cost is bounded by it, not by the catalog
    /// (about 0.6 ms a candidate, most of it decoding the thumbnail). 50 cost 57 ms of CPU per query on 100k images,
    /// over the 50 ms budget; 30 costs 39 ms and loses 2 of 480 copies on the tuning set (similar-set.cs --wide seed 7:
    /// vector ranks 31 and 32).
    /// </summary>
    public const int Depth = 30;

    /// <summary>
    /// The ranking with the copies among its first <see cref="Depth"/> and among <paramref name="extra"/> (a second
    /// candidate pool: the query's perceptual-hash neighbours, with their vector similarity) moved to the front in the
    /// order of <see cref="CopyScore.Compare"/>, and each copy's match. Extra candidates that are no copies are left
    /// where the vector ranking has them, or out.
    /// </summary>
    public static (List<(long Id, double Similarity)> Ranked, Dictionary<long, CopyScore> Copies) Apply(
        CopyPrint? query, List<(long Id, double Similarity)> ranked, Func<long, CopyPrint?> printOf,
        IReadOnlyList<(long Id, double Similarity)>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(printOf);
        var copies = new Dictionary<long, CopyScore>();
        if (query is null || ranked.Count + (extra?.Count ?? 0) < 2)
        {
            return (ranked, copies);
        }

        var checkedIds = new HashSet<long>();
        var similarity = new Dictionary<long, double>();
        foreach (var (id, vectorSimilarity) in ranked.Take(Depth).Concat(extra ?? []))
        {
            if (checkedIds.Add(id))
            {
                similarity[id] = vectorSimilarity;
                if (printOf(id) is { } candidate && CopyMatch.Score(query, candidate) is { } score)
                {
                    copies[id] = score;
                }
            }
        }

        if (copies.Count == 0)
        {
            return (ranked, copies);
        }

        var front = copies.Keys
            .Order(Comparer<long>.Create((a, b) => CopyScore.Compare(copies[a], copies[b])))
            .Select(id => (id, similarity[id]));
        var reordered = front.Concat(ranked.Where(r => !copies.ContainsKey(r.Id))).ToList();
        return (reordered, copies);
    }
}
