using System.Globalization;

namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Variations of one generation: the same normalised prompt with a seed at most <paramref name="seedWindow"/> apart,
/// and some other parameter changed (steps, CFG, sampler, checkpoint, size or LoRAs). Batch siblings — only the seed
/// stepped — are different pictures, not variations: grouping them would offer every sibling but one for removal.
/// Two records equal in every parameter are one generation rendered twice; the identical and visual tiers judge those
/// from the pixels. The distance is the number of parameters that changed.
/// </summary>
public sealed class VariationPairSource(IReadOnlyDictionary<long, GenerationLineage> lineage, long seedWindow = VariationPairSource.DefaultSeedWindow) : IDuplicatePairSource
{
    /// <summary>A re-run with changed settings often reuses the batch's seeds: a small window still finds it.</summary>
    public const long DefaultSeedWindow = 4;

    public DuplicateTier Tier => DuplicateTier.Variation;

    public IEnumerable<DuplicateLink> FindPairs(IReadOnlyList<DuplicateCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(lineage);
        var byPrompt = new Dictionary<string, List<(int Position, GenerationLineage Gen)>>(StringComparer.Ordinal);
        foreach (var i in DistinctImages.Positions(candidates, c => lineage.TryGetValue(c.ImageId, out var g) && g.Seed is not null))
        {
            var gen = lineage[candidates[i].ImageId];
            var prompt = PromptNormalizer.Normalize(gen.Prompt);
            if (prompt.Length == 0)
            {
                continue;
            }

            if (!byPrompt.TryGetValue(prompt, out var list))
            {
                byPrompt[prompt] = list = [];
            }

            list.Add((i, gen));
        }

        var links = new List<DuplicateLink>();
        foreach (var list in byPrompt.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            list.Sort((a, b) => a.Gen.Seed!.Value.CompareTo(b.Gen.Seed!.Value));
            for (var a = 0; a < list.Count; a++)
            {
                for (var b = a + 1; b < list.Count && list[b].Gen.Seed!.Value - list[a].Gen.Seed!.Value <= seedWindow; b++)
                {
                    var changes = Changes(list[a].Gen, list[b].Gen);
                    var seedOnly = changes.Count == 1 && list[a].Gen.Seed != list[b].Gen.Seed;
                    if (changes.Count > 0 && !seedOnly)
                    {
                        links.Add(new DuplicateLink(list[a].Position, list[b].Position, DuplicateTier.Variation, changes.Count, string.Join(", ", changes)));
                    }
                }
            }
        }

        return links;
    }

    /// <summary>The parameters that differ, for people: "seed +1", "steps 20→30".</summary>
    public static List<string> Changes(GenerationLineage a, GenerationLineage b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var changes = new List<string>();
        if (a.Seed != b.Seed)
        {
            var delta = (b.Seed ?? 0) - (a.Seed ?? 0);
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"seed {(delta > 0 ? "+" : "")}{delta}"));
        }

        Compare(changes, "steps", a.Steps, b.Steps);
        Compare(changes, "cfg", a.CfgScale, b.CfgScale);
        Compare(changes, "sampler", a.Sampler, b.Sampler);
        Compare(changes, "model", a.Model, b.Model);
        if (a.Width != b.Width || a.Height != b.Height)
        {
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"size {a.Width}x{a.Height}→{b.Width}x{b.Height}"));
        }

        Compare(changes, "loras", a.Loras, b.Loras);
        return changes;
    }

    private static void Compare<T>(List<string> changes, string name, T? a, T? b)
    {
        if (!EqualityComparer<T?>.Default.Equals(a, b))
        {
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {Show(a)}→{Show(b)}"));
        }
    }

    private static string Show<T>(T? value) => value is null ? "–" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "–";
}
