using System.Text;
using System.Text.RegularExpressions;

namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Reduces a prompt to what it asks for: lower-case, emphasis weights and brackets removed, extra-network tags
/// (<c>&lt;lora:name:0.8&gt;</c>) dropped, whitespace collapsed. "(masterpiece:1.2), [cat]" and "masterpiece, cat" match.
/// </summary>
public static partial class PromptNormalizer
{
    public static string Normalize(string? prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return "";
        }

        var text = ExtraNetworkTag().Replace(prompt.ToLowerInvariant(), " ");
        text = Weight().Replace(text, " ");
        var builder = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text)
        {
            if (c is '(' or ')' or '[' or ']' or '{' or '}' || char.IsWhiteSpace(c))
            {
                if (!space)
                {
                    builder.Append(' ');
                    space = true;
                }

                continue;
            }

            builder.Append(c);
            space = false;
        }

        // Separators next to removed brackets leave " , " behind; tidy them so only the words decide.
        return SpaceBeforeComma().Replace(builder.ToString(), ",").Trim(' ', ',');
    }

    [GeneratedRegex(@"<[^<>]*>")]
    private static partial Regex ExtraNetworkTag();

    [GeneratedRegex(@":\s*-?\d+(\.\d+)?(?=\s*[\)\]\}])")]
    private static partial Regex Weight();

    [GeneratedRegex(@"\s+,")]
    private static partial Regex SpaceBeforeComma();
}
