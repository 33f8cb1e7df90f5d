namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>One candidate position per image: further files of the same image are the identical tier's business.</summary>
internal static class DistinctImages
{
    public static List<int> Positions(IReadOnlyList<DuplicateCandidate> candidates, Func<DuplicateCandidate, bool> usable)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var seen = new HashSet<long>();
        var positions = new List<int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (usable(candidates[i]) && seen.Add(candidates[i].ImageId))
            {
                positions.Add(i);
            }
        }

        return positions;
    }
}
