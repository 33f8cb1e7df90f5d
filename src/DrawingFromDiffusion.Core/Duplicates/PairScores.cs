namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Precision and recall over pairs of files, the way the dupes acceptance is judged: every two members of a found group
/// are a found pair, right when both copies come from the same original; the positives are all pairs of copies of one
/// original. The one place pair scores are computed: the acceptance tests, make-dupes-fixture.cs and
/// tests/tools/measure-dupes.sh (through the fixture tool's score verb) all call it.
/// </summary>
public static class PairScores
{
    /// <param name="groups">each found group as the originals its members were made from.</param>
    /// <param name="originals">the original of every labelled file, grouped or not.</param>
    public static (double Precision, double Recall, long Wrong) Score(IEnumerable<IReadOnlyList<string>> groups, IEnumerable<string> originals)
    {
        long grouped = 0, correct = 0;
        foreach (var members in groups)
        {
            grouped += Pairs(members.Count);
            correct += members.GroupBy(o => o, StringComparer.Ordinal).Sum(g => Pairs(g.Count()));
        }

        var positives = originals.GroupBy(o => o, StringComparer.Ordinal).Sum(g => Pairs(g.Count()));
        return (grouped == 0 ? 0 : (double)correct / grouped, positives == 0 ? 0 : (double)correct / positives, grouped - correct);
    }

    private static long Pairs(long n) => n * (n - 1) / 2;
}
