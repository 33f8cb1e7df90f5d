using System.Text.Json;
using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.App.Duplicates;

/// <summary>
/// `--move-to DIR`: moves every non-keeper into DIR/group-NNNN/ and writes a JSON log of each move
/// in DIR, so the moves can be reviewed or undone. Keepers are never touched, nor is a member joined by a
/// tentative link (a look-alike, maybe a different picture): it stays and the log lists it as left in place.
/// </summary>
internal static class DuplicateMover
{
    public static MoveLog Move(IReadOnlyList<DuplicateGroup> groups, string folder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var moves = new List<MoveRecord>();
        var failures = new List<MoveFailure>();
        var left = new List<string>();
        var logPath = Path.Combine(folder, $"dfd-dupes-moved-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.json");
        try
        {
            foreach (var group in groups)
            {
                var target = Path.Combine(folder, $"group-{group.Number:0000}");
                foreach (var member in group.Members.Where(m => !m.IsKeeper))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (member.Tentative)
                    {
                        left.Add(member.Candidate.Path);
                        continue;
                    }

                    var from = member.Candidate.Path;
                    try
                    {
                        Directory.CreateDirectory(target);
                        var to = FreeName(target, Path.GetFileName(from));
                        File.Move(from, to);
                        moves.Add(new MoveRecord(from, to, group.Number, group.Keeper.Candidate.Path, member.Tier, member.Distance));
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        failures.Add(new MoveFailure(from, ex.Message));
                    }
                }
            }
        }
        finally
        {
            // Written even when interrupted: whatever moved is on record.
            var log = new MoveLog(logPath, now, moves, failures, left);
            File.WriteAllText(logPath, JsonSerializer.Serialize(log, Contracts.JsonShape.Options));
        }

        return new MoveLog(logPath, now, moves, failures, left);
    }

    private static string FreeName(string folder, string name)
    {
        var candidate = Path.Combine(folder, name);
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var i = 2; File.Exists(candidate) || Directory.Exists(candidate); i++)
        {
            candidate = Path.Combine(folder, $"{stem} ({i}){extension}");
        }

        return candidate;
    }
}

/// <param name="LeftTentative">members joined by a tentative link, never moved.</param>
internal sealed record MoveLog(string Log, DateTimeOffset MovedAt, IReadOnlyList<MoveRecord> Moves, IReadOnlyList<MoveFailure> Failed, IReadOnlyList<string> LeftTentative);

internal sealed record MoveRecord(string From, string To, int Group, string Keeper, DuplicateTier? Tier, double? Distance);

internal sealed record MoveFailure(string Path, string Reason);
