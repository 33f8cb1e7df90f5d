using DrawingFromDiffusion.App.Contracts;
using DrawingFromDiffusion.App.Duplicates;
using DrawingFromDiffusion.App.Progress;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Storage;
using CoreGroup = DrawingFromDiffusion.Core.Duplicates.DuplicateGroup;

namespace DrawingFromDiffusion.App.Browsing;

/// <summary>
/// Duplicate groups for the web: computed once per catalog state (a first run on a large catalog takes minutes), by
/// one computation that outlives the request that started it, so a page closed meanwhile does not waste it; its
/// progress is readable while it runs.
/// </summary>
public sealed partial class AnalysisService
{
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _lock = new();
    private (string State, IReadOnlyList<Contracts.DuplicateGroup> Groups, string? Note)? _groups;
    private (string State, Task<(IReadOnlyList<Contracts.DuplicateGroup> Groups, string? Note)> Task)? _computing;
    private DateTimeOffset _computingSince;
    private long _checksDone;
    private long _checksTotal;

    /// <summary>Groups <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="limit"/>, largest first, with the total.</summary>
    public async Task<DuplicateReport> DuplicatesAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        var (groups, note) = await GroupsAsync(cancellationToken);
        return new DuplicateReport([.. groups.Skip(offset).Take(limit)], groups.Count, offset, groups.Sum(g => g.Members.Count), note);
    }

    /// <summary>Whether groups are at hand, or how far their computation is.</summary>
    public async Task<DuplicatesProgress> DuplicatesProgressAsync(CancellationToken cancellationToken)
    {
        var state = await Task.Run(() => new DuplicateRunStore(catalog.Database).CatalogState(), cancellationToken);
        lock (_lock)
        {
            var running = _computing is { Task.IsCompleted: false };
            return new DuplicatesProgress(
                _groups?.State == state,
                running,
                running ? Interlocked.Read(ref _checksDone) : 0,
                running ? Interlocked.Read(ref _checksTotal) : 0,
                running ? (DateTimeOffset.UtcNow - _computingSince).TotalSeconds : 0);
        }
    }

    /// <summary>The group holding <paramref name="imageId"/>, or null when it has no duplicate.</summary>
    public async Task<Contracts.DuplicateGroup?> DuplicateGroupOfAsync(long imageId, CancellationToken cancellationToken)
    {
        var (groups, _) = await GroupsAsync(cancellationToken);
        return groups.FirstOrDefault(g => g.Members.Any(m => m.ImageId == imageId));
    }

    private async Task<(IReadOnlyList<Contracts.DuplicateGroup> Groups, string? Note)> GroupsAsync(CancellationToken cancellationToken)
    {
        var state = await Task.Run(() => new DuplicateRunStore(catalog.Database).CatalogState(), cancellationToken);
        Task<(IReadOnlyList<Contracts.DuplicateGroup> Groups, string? Note)> computing;
        lock (_lock)
        {
            if (_groups is { } ready && ready.State == state)
            {
                return (ready.Groups, ready.Note);
            }

            if (_computing is not { } running || running.State != state || running.Task.IsFaulted || running.Task.IsCanceled)
            {
                _computingSince = DateTimeOffset.UtcNow;
                Interlocked.Exchange(ref _checksDone, 0);
                Interlocked.Exchange(ref _checksTotal, 0);
                _computing = (state, ComputeAsync(state, _lifetime.Token));
            }

            computing = _computing.Value.Task;
        }

        return await computing.WaitAsync(cancellationToken);
    }

    private async Task<(IReadOnlyList<Contracts.DuplicateGroup> Groups, string? Note)> ComputeAsync(string state, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var database = catalog.Database;
        using var logged = logger is null ? null : new LoggedStageProgress(logger, "duplicate groups");
        var checks = new CheckCounter(this, logged);
        var run = await DupesService.RunAsync(database, new DupesRequest(SaveIndex: false), checks, cancellationToken);
        var note = run.Notices.Count == 0 ? null : string.Join(" ", run.Notices.Select(n => char.ToUpperInvariant(n[0]) + n[1..].TrimEnd('.') + "."));
        var sizes = new CatalogQueries(database).ByteSizes();
        IReadOnlyList<Contracts.DuplicateGroup> groups = [.. run.Groups.Select(g => Contract(g, sizes))];
        lock (_lock)
        {
            _groups = (state, groups, note);
        }

        return (groups, note);
    }

    private static Contracts.DuplicateGroup Contract(CoreGroup group, Dictionary<long, long> sizes)
    {
        var tiers = group.Tiers.Select(TierSelection.Name).ToList();
        var members = group.Members.Select(m => new Contracts.DuplicateMember(
            m.Candidate.ImageId,
            m.Candidate.Path,
            m.Candidate.Width,
            m.Candidate.Height,
            sizes.GetValueOrDefault(m.Candidate.ImageId),
            m.Distance ?? 0,
            m.IsKeeper,
            m.Tier is { } tier ? TierSelection.Name(tier) : null,
            m.Detail,
            m.Tentative)).ToList();
        // The weakest tier names the group: a group held by one visual link is a visual group.
        var kind = tiers.Count == 0 ? TierSelection.Name(DuplicateTier.Identical) : tiers[^1];
        return new Contracts.DuplicateGroup($"g{group.Number}", kind, members, group.KeeperReason, tiers);
    }

    /// <summary>
    /// The visual tier's pixel checks, counted as they go (read by <see cref="DuplicatesProgressAsync"/>); every stage
    /// also goes on to the log.
    /// </summary>
    private sealed class CheckCounter(AnalysisService owner, IProgress<StageProgress>? log) : IProgress<StageProgress>
    {
        public void Report(StageProgress value)
        {
            log?.Report(value);
            if (value.Stage.StartsWith("visual tier:", StringComparison.Ordinal) && value.Total > 0)
            {
                Interlocked.Exchange(ref owner._checksDone, value.Done);
                Interlocked.Exchange(ref owner._checksTotal, value.Total);
            }
        }
    }
}
