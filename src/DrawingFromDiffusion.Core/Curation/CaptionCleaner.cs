using System.Text;
using System.Text.RegularExpressions;

namespace DrawingFromDiffusion.Core.Curation;

/// <summary>
/// Training captions from stored prompts (A1111 / ComfyUI prompt syntax) or stored tags: extra-network tags
/// (<c>&lt;lora:name:0.8&gt;</c>) removed, emphasis (<c>(word:1.2)</c>, <c>((word))</c>, <c>[word]</c>, <c>{word}</c>)
/// reduced to the plain words, prompt editing (<c>[a:b:0.5]</c> → b, <c>[a|b]</c> → a) resolved, BREAK dropped, and the
/// comma-separated parts trimmed and de-duplicated; an optional trigger word goes first.
/// </summary>
public static partial class CaptionCleaner
{
    private const char OpenParen = '\u0001';
    private const char CloseParen = '\u0002';

    public static string FromPrompt(string? prompt, string? trigger = null)
    {
        var text = (prompt ?? "").Replace("\\(", OpenParen.ToString(), StringComparison.Ordinal).Replace("\\)", CloseParen.ToString(), StringComparison.Ordinal);
        text = ExtraNetworkTag().Replace(text, ",");
        text = Break().Replace(text, ",");
        string previous;
        do
        {
            // Innermost groups first, so "((a:1.1), b)" unwraps from the inside out.
            previous = text;
            text = InnerRound().Replace(text, m => StripWeight(m.Groups[1].Value));
            text = InnerCurly().Replace(text, m => m.Groups[1].Value);
            text = InnerSquare().Replace(text, m => Edit(m.Groups[1].Value));
        }
        while (text != previous);

        // Brackets left unbalanced carry no meaning in a caption.
        text = text.Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal)
            .Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal)
            .Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal)
            .Replace(OpenParen, '(').Replace(CloseParen, ')');
        return Join(text.Split([',', '\n', '\r']), trigger);
    }

    /// <summary>A tag-style caption: the tags in the order given, '_' read as a space (as WD14-trained captions write them).</summary>
    public static string FromTags(IEnumerable<string> tags, string? trigger = null)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return Join(tags.Select(t => t.Length > 3 ? t.Replace('_', ' ') : t), trigger);
    }

    private static string Join(IEnumerable<string> parts, string? trigger)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var kept = new List<string>();
        if (!string.IsNullOrWhiteSpace(trigger))
        {
            kept.Add(trigger.Trim());
            seen.Add(trigger.Trim());
        }

        foreach (var part in parts)
        {
            var words = Spaces().Replace(part, " ").Trim();
            if (words.Length > 0 && seen.Add(words))
            {
                kept.Add(words);
            }
        }

        return string.Join(", ", kept);
    }

    /// <summary>"word:1.2" → "word"; a colon not followed by a number stays (it is part of the text).</summary>
    private static string StripWeight(string inner)
    {
        var match = TrailingWeight().Match(inner);
        return match.Success ? inner[..match.Index] : inner;
    }

    /// <summary>[a:b:0.5] → b (what the image ends with), [a:0.5] → a, [a|b] → a, [a] → a.</summary>
    private static string Edit(string inner)
    {
        if (inner.Contains('|', StringComparison.Ordinal))
        {
            return inner.Split('|')[0];
        }

        var match = PromptEdit().Match(inner);
        if (match.Success)
        {
            return match.Groups[2].Success ? match.Groups[2].Value : match.Groups[1].Value;
        }

        return StripWeight(inner);
    }

    [GeneratedRegex(@"<[^<>]*>")]
    private static partial Regex ExtraNetworkTag();

    [GeneratedRegex(@"\bBREAK\b")]
    private static partial Regex Break();

    [GeneratedRegex(@"\(([^()]*)\)")]
    private static partial Regex InnerRound();

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex InnerCurly();

    [GeneratedRegex(@"\[([^\[\]]*)\]")]
    private static partial Regex InnerSquare();

    [GeneratedRegex(@"\s*:\s*-?\d+(\.\d+)?\s*$")]
    private static partial Regex TrailingWeight();

    [GeneratedRegex(@"^([^:]*):(?:([^:]*):)?\s*\d+(\.\d+)?\s*$")]
    private static partial Regex PromptEdit();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
