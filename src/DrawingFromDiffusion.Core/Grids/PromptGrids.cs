using System.Globalization;
using System.Text.RegularExpressions;

namespace DrawingFromDiffusion.Core.Grids;

/// <summary>
/// Builds comparison grids: images are grouped by normalised prompt, then by every parameter except the varied one;
/// a group with at least two values of the varied parameter becomes a row.
/// </summary>
public static partial class PromptGrids
{
    /// <summary>
    /// The prompt as a grid groups it: LoRA and hypernetwork tags removed (varying a LoRA changes them), lower case,
    /// one space between words, no empty comma-separated parts.
    /// </summary>
    public static string Normalise(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var stripped = NetworkTag().Replace(prompt, " ");
        var parts = stripped.Split(',').Select(p => Spaces().Replace(p, " ").Trim().ToLowerInvariant()).Where(p => p.Length > 0);
        return string.Join(", ", parts);
    }

    public static string ValueOf(GenerationParameters image, GridAxis axis)
    {
        ArgumentNullException.ThrowIfNull(image);
        return axis switch
        {
            GridAxis.Lora => image.Loras.Length == 0 ? "no LoRA" : image.Loras,
            GridAxis.Checkpoint => image.Checkpoint ?? "?",
            GridAxis.Seed => image.Seed?.ToString(CultureInfo.InvariantCulture) ?? "?",
            GridAxis.Cfg => image.Cfg?.ToString("0.##", CultureInfo.InvariantCulture) ?? "?",
            _ => throw new ArgumentOutOfRangeException(nameof(axis)),
        };
    }

    /// <summary>Every grid in <paramref name="images"/> along <paramref name="axis"/>, those with the most images first.</summary>
    public static IReadOnlyList<PromptGrid> Build(IEnumerable<GenerationParameters> images, GridAxis axis)
    {
        ArgumentNullException.ThrowIfNull(images);
        var grids = new List<PromptGrid>();
        foreach (var prompt in images.Where(i => !string.IsNullOrWhiteSpace(i.Prompt)).GroupBy(i => Normalise(i.Prompt), StringComparer.Ordinal))
        {
            var rows = prompt
                .GroupBy(i => Others(i, axis), StringComparer.Ordinal)
                .Select(g => g.GroupBy(i => ValueOf(i, axis), StringComparer.Ordinal).ToDictionary(v => v.Key, v => v.Min(i => i.ImageId), StringComparer.Ordinal))
                .Where(values => values.Count >= 2)
                .ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var columns = rows.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal).Order(new AxisOrder(axis)).ToList();
            var columnOf = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
            var byId = prompt.ToDictionary(i => i.ImageId);
            var labels = RowLabels(rows.Select(r => byId[r.Values.First()]).ToList(), axis);
            var gridRows = rows
                .Select((r, i) => new GridRow(labels[i], r.Select(v => new GridCell(columnOf[v.Key], v.Value)).OrderBy(c => c.Column).ToList()))
                .OrderBy(r => r.Label, StringComparer.Ordinal)
                .ToList();
            var first = prompt.MinBy(i => i.ImageId)!;
            grids.Add(new PromptGrid(prompt.Key, first.Prompt, axis, columns, gridRows));
        }

        return [.. grids.OrderByDescending(g => g.Images).ThenBy(g => g.PromptKey, StringComparer.Ordinal)];
    }

    /// <summary>The parameters other than the varied one, as a key.</summary>
    private static string Others(GenerationParameters i, GridAxis axis) => string.Join('\u001f', Named(i, axis).Select(p => p.Value));

    private static IEnumerable<(string Name, string Value)> Named(GenerationParameters i, GridAxis axis)
    {
        foreach (var other in Enum.GetValues<GridAxis>().Where(a => a != axis))
        {
            yield return (other switch { GridAxis.Lora => "LoRA", GridAxis.Checkpoint => "checkpoint", GridAxis.Seed => "seed", _ => "CFG" }, ValueOf(i, other));
        }

        yield return ("steps", i.Steps?.ToString(CultureInfo.InvariantCulture) ?? "?");
        yield return ("sampler", i.Sampler ?? "?");
        yield return ("size", $"{i.Width}x{i.Height}");
    }

    /// <summary>Each row named by the parameters that differ between rows (empty for a single row).</summary>
    private static List<string> RowLabels(List<GenerationParameters> representatives, GridAxis axis)
    {
        var named = representatives.Select(r => Named(r, axis).ToList()).ToList();
        var differing = Enumerable.Range(0, named[0].Count).Where(p => named.Select(n => n[p].Value).Distinct(StringComparer.Ordinal).Count() > 1).ToList();
        return [.. named.Select(n => string.Join(", ", differing.Select(p => $"{n[p].Name} {n[p].Value}")))];
    }

    /// <summary>Numbers by value (seed, CFG), names in ordinal order with "no LoRA" first.</summary>
    private sealed class AxisOrder(GridAxis axis) : IComparer<string>
    {
        public int Compare(string? x, string? y)
        {
            if (axis is GridAxis.Seed or GridAxis.Cfg
                && double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
                && double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
            {
                return a.CompareTo(b);
            }

            if (axis == GridAxis.Lora && (x == "no LoRA" || y == "no LoRA"))
            {
                return x == y ? 0 : x == "no LoRA" ? -1 : 1;
            }

            return string.CompareOrdinal(x, y);
        }
    }

    [GeneratedRegex(@"<(?:lora|lyco|hypernet):[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex NetworkTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
