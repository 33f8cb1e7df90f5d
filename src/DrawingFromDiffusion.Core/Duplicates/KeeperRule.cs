using System.Globalization;

namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>Which file of a group to keep: most pixels, then has generation metadata, then oldest, then first by path.</summary>
public static class KeeperRule
{
    public static (int Index, string Reason) Choose(IReadOnlyList<DuplicateCandidate> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("a group has members", nameof(members));
        }

        var order = Enumerable.Range(0, members.Count).Order(Comparer<int>.Create((a, b) => Compare(members[a], members[b]))).ToList();
        var keeper = members[order[0]];
        if (order.Count == 1)
        {
            return (order[0], "only member");
        }

        // The reason is the first rule that sets the keeper apart from the runner-up.
        var runnerUp = members[order[1]];
        string reason;
        if (keeper.Pixels != runnerUp.Pixels)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"most pixels ({keeper.Width}×{keeper.Height})");
        }
        else if (keeper.HasGeneration != runnerUp.HasGeneration)
        {
            reason = "has generation metadata";
        }
        else if (keeper.Modified != runnerUp.Modified)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"oldest (modified {keeper.Modified.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z)");
        }
        else
        {
            reason = "same size, metadata and age: first by path";
        }

        return (order[0], reason);
    }

    /// <summary>Negative when <paramref name="a"/> is the better keeper.</summary>
    public static int Compare(DuplicateCandidate a, DuplicateCandidate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byPixels = b.Pixels.CompareTo(a.Pixels);
        if (byPixels != 0)
        {
            return byPixels;
        }

        var byMetadata = b.HasGeneration.CompareTo(a.HasGeneration);
        if (byMetadata != 0)
        {
            return byMetadata;
        }

        var byAge = a.Modified.CompareTo(b.Modified);
        return byAge != 0 ? byAge : string.CompareOrdinal(a.Path, b.Path);
    }
}
