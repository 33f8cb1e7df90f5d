namespace DrawingFromDiffusion.Core.Similar;

/// <summary>How a candidate matched the query in the copy check (<see cref="CopyMatch"/>).</summary>
/// <param name="Match">the pixel correlation, crop penalty taken off (at least the dupes tier's bar).</param>
/// <param name="LocalDifference">the worst block of the aligned difference in grey levels
/// (<see cref="Duplicates.LocalDifference"/>): small for a copy, large where a sibling drawing differs in one place.</param>
public readonly record struct CopyScore(double Match, double LocalDifference)
{
    /// <summary>
    /// Where the match stands among the query's copies, best first: copies whose worst block stays within the dupes
    /// tier's local bar (<see cref="Duplicates.VisualRule.DefaultLocalDifference"/>) go ahead of those that differ
    /// somewhere, and among each the stronger correlation leads. A look-alike sibling (another bear in a snow globe,
    /// another heart) passes the correlation bar as often as a heavily altered copy does, but differs in one place.
    /// </summary>
    public static int Compare(CopyScore a, CopyScore b)
    {
        var byLocal = a.LocallyAlike.CompareTo(b.LocallyAlike);
        return byLocal != 0 ? -byLocal : -a.Match.CompareTo(b.Match);
    }

    /// <summary>Whether no block differs more than the dupes tier forgives.</summary>
    public bool LocallyAlike => LocalDifference <= Duplicates.VisualRule.DefaultLocalDifference;
}
