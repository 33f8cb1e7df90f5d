namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>
/// Finds extra-network tags in a prompt: <c>&lt;lora:name&gt;</c>, <c>&lt;lora:name:weight&gt;</c>,
/// <c>&lt;lyco:name:weight:more&gt;</c> (case-insensitive). One pass: each character is looked at a bounded number
/// of times, so a prompt of 10^5 tags — or of 10^5 unclosed ones — costs time linear in its length.
/// </summary>
internal static class LoraTags
{
    private const int PrefixLength = 6; // "<lora:"

    /// <returns>each tag's name (untrimmed) and the text of its weight, null when it has none.</returns>
    public static IEnumerable<(string Name, string? Weight)> Find(string prompt)
    {
        // The first '>' at or after the current tag's body; reused while the scan is before it.
        var close = -1;
        for (var open = prompt.IndexOf('<', StringComparison.Ordinal); open >= 0; open = prompt.IndexOf('<', open + 1))
        {
            if (!IsTagStart(prompt, open))
            {
                continue;
            }

            var bodyStart = open + PrefixLength;
            if (close < bodyStart)
            {
                close = prompt.IndexOf('>', bodyStart);
                if (close < 0)
                {
                    yield break;
                }
            }

            var body = prompt.AsMemory(bodyStart, close - bodyStart);
            var colon = body.Span.IndexOf(':');
            var name = colon < 0 ? body : body[..colon];
            if (name.IsEmpty)
            {
                continue;
            }

            string? weight = null;
            if (colon >= 0)
            {
                var rest = body[(colon + 1)..];
                var next = rest.Span.IndexOf(':');
                weight = (next < 0 ? rest : rest[..next]).ToString();
            }

            yield return (name.ToString(), weight);
            open = close;
            if (open + 1 >= prompt.Length)
            {
                yield break;
            }
        }
    }

    private static bool IsTagStart(string prompt, int open) =>
        open + PrefixLength <= prompt.Length
        && (prompt.AsSpan(open + 1, 5).Equals("lora:", StringComparison.OrdinalIgnoreCase)
            || prompt.AsSpan(open + 1, 5).Equals("lyco:", StringComparison.OrdinalIgnoreCase));
}
