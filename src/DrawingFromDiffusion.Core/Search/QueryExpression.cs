using System.Globalization;
using System.Text;

namespace DrawingFromDiffusion.Core.Search;

/// <summary>
/// Parses query arithmetic: terms separated by " + " or " - " (spaces around the sign, so "sci-fi" stays one word),
/// each optionally weighted as "2:fox" or "0.5:night". "watercolor fox + night - people" is
/// (1, "watercolor fox"), (1, "night"), (−1, "people").
/// </summary>
public static class QueryExpression
{
    public static IReadOnlyList<QueryTerm> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<QueryTerm>();
        var sign = 1f;
        var current = new StringBuilder();
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words)
        {
            if (word is "+" or "-")
            {
                Flush(terms, current, sign);
                sign = word == "+" ? 1f : -1f;
                continue;
            }

            current.Append(current.Length > 0 ? " " : "").Append(word);
        }

        Flush(terms, current, sign);
        return terms;
    }

    private static void Flush(List<QueryTerm> terms, StringBuilder current, float sign)
    {
        if (current.Length == 0)
        {
            return;
        }

        var text = current.ToString();
        current.Clear();
        var weight = 1f;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && float.TryParse(text.AsSpan(0, colon), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && float.IsFinite(parsed))
        {
            weight = parsed;
            text = text[(colon + 1)..].Trim();
        }

        if (text.Length > 0)
        {
            terms.Add(new QueryTerm(sign * weight, text));
        }
    }
}
