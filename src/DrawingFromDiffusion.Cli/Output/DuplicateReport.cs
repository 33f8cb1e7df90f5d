using System.Globalization;
using System.Text.Json;
using DrawingFromDiffusion.App.Duplicates;
using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>The groups of `dfd dupes` as a table, JSON or CSV.</summary>
internal static class DuplicateReport
{
    public static void WriteJson(TextWriter writer, DupesRun run)
    {
        writer.WriteLine(JsonSerializer.Serialize(
            new
            {
                run.Catalog,
                Tiers = run.Tiers,
                Unavailable = run.Unavailable.Count == 0 ? null : run.Unavailable.Select(u => new { u.Tier, u.Reason }),
                Visual = run.Visual is null ? null : new
                {
                    Rule = run.Visual.Rule.ToString(),
                    run.Visual.Rule.MaxHashDistance,
                    run.Visual.Rule.MinCorrelation,
                    Neighbours = run.Visual.Neighbours is { } n ? new { Model = run.Visual.NeighbourModel, MaxCosine = n.MaxDistance, K = n.Count } : null,
                },
                run.Semantic,
                run.Files,
                GroupCount = run.Groups.Count,
                Groups = run.Groups.Select(g => new
                {
                    Group = g.Number,
                    Size = g.Members.Count,
                    g.Tiers,
                    Keeper = g.Keeper.Candidate.Path,
                    g.KeeperReason,
                    Members = g.Members.Select(m => new
                    {
                        m.Candidate.Path,
                        m.Candidate.ImageId,
                        m.Candidate.Width,
                        m.Candidate.Height,
                        Modified = m.Candidate.Modified,
                        m.Candidate.HasGeneration,
                        Keeper = m.IsKeeper,
                        m.Tier,
                        m.Distance,
                        m.Detail,
                        m.LinkedTo,
                        Tentative = m.Tentative ? true : (bool?)null,
                    }),
                }),
                run.Moved,
            },
            Json.Options));
    }

    public static void WriteCsv(TextWriter writer, DupesRun run)
    {
        writer.WriteLine("group,path,image_id,width,height,keeper,tier,distance,detail,linked_to,keeper_reason");
        foreach (var group in run.Groups)
        {
            foreach (var m in group.Members)
            {
                writer.WriteLine(string.Join(
                    ',',
                    group.Number.ToString(CultureInfo.InvariantCulture),
                    Csv.Field(m.Candidate.Path),
                    m.Candidate.ImageId.ToString(CultureInfo.InvariantCulture),
                    m.Candidate.Width.ToString(CultureInfo.InvariantCulture),
                    m.Candidate.Height.ToString(CultureInfo.InvariantCulture),
                    m.IsKeeper ? "true" : "false",
                    m.Tier is null ? "" : TierName(m.Tier.Value),
                    m.Distance?.ToString(CultureInfo.InvariantCulture) ?? "",
                    Csv.Field(m.Detail),
                    Csv.Field(m.LinkedTo),
                    m.IsKeeper ? Csv.Field(group.KeeperReason) : ""));
            }
        }
    }

    public static void WriteTable(TextWriter writer, DupesRun run)
    {
        foreach (var group in run.Groups)
        {
            writer.WriteLine($"group {group.Number}: {group.Members.Count} files ({string.Join(", ", group.Tiers.Select(TierName))})");
            foreach (var m in group.Members)
            {
                var how = m.IsKeeper ? $"keep   ({group.KeeperReason})" : $"{TierName(m.Tier!.Value),-9} {m.Detail ?? m.Distance?.ToString(CultureInfo.InvariantCulture)}";
                writer.WriteLine($"  {Core.Library.FileNames.EscapeForTerminal(m.Candidate.Path)}  {m.Candidate.Width}×{m.Candidate.Height}  {how}");
            }
        }

        var duplicates = run.Groups.Sum(g => g.Members.Count - 1);
        writer.WriteLine($"{run.Groups.Count} groups, {duplicates} files besides the keepers, among {run.Files} files ({string.Join(", ", run.Tiers)})");
    }

    public static string TierName(DuplicateTier tier) => TierSelection.Name(tier);
}
