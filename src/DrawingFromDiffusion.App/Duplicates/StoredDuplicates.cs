using System.Text.Json;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.App.Duplicates;

/// <summary>
/// Duplicate groups computed once per catalog state and settings: `dfd dupes` (its --html too), `dfd export` and
/// the web page reuse the stored groups until a scan changes the catalog.
/// </summary>
public static class StoredDuplicates
{
    /// <summary>The revision of the link rules, part of every settings key: groups a dfd with other rules stored are
    /// recomputed, not reused (v2: the aspect rule).</summary>
    public const string RulesRevision = "v2";

    /// <summary>The settings of `dfd dupes` without options, which `dfd export` and `dfd serve` use too.</summary>
    public const string DefaultSettings = "tiers=identical,visual,variation;defaults;" + RulesRevision;

    /// <returns>the groups, their run's note, and when they were computed when they were reused (null when computed now).</returns>
    public static async Task<(List<DuplicateGroup> Groups, string? Note, DateTimeOffset? ReusedFrom)> GetOrComputeAsync(
        CatalogDatabase database, string settings, Func<Task<(List<DuplicateGroup> Groups, string? Note)>> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var store = new DuplicateRunStore(database);
        var state = store.CatalogState();
        if (store.Load(settings, state) is { } stored && JsonSerializer.Deserialize<List<DuplicateGroup>>(stored.GroupsJson) is { } groups)
        {
            return (groups, stored.Note, stored.ComputedAt);
        }

        var (computed, note) = await compute();
        // Stored under the state read before computing: a scan meanwhile makes the next reader compute again.
        store.Save(settings, state, JsonSerializer.Serialize(computed), note);
        return (computed, note, null);
    }
}
