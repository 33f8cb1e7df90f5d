using System.Text.Json;

namespace DrawingFromDiffusion.Core.Video;

/// <summary>
/// Picks the generation texts out of a video's container tags (metadata-spec §1.5) and puts them in
/// the shape a PNG's text chunks have, so the image parsers read them unchanged:
/// VideoHelperSuite's <c>comment</c> JSON becomes <c>prompt</c> and <c>workflow</c>; a prompt that is a
/// JSON string holding JSON is unwrapped (at most twice); upper-cased WebM keys are lower-cased.
/// </summary>
public static class VideoMetadataTexts
{
    private static readonly HashSet<string> _kept = new(StringComparer.OrdinalIgnoreCase)
    {
        "comment", "prompt", "workflow", "parameters", "description", "extra_pnginfo",
    };

    public static IReadOnlyDictionary<string, string> FromTags(IEnumerable<KeyValuePair<string, string>> tags)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            if (_kept.Contains(key) && !string.IsNullOrWhiteSpace(value))
            {
                texts[key.ToLowerInvariant()] = value;
            }
        }

        if (texts.TryGetValue("comment", out var comment) && TryParseObject(comment, out var commentJson))
        {
            foreach (var property in commentJson.EnumerateObject())
            {
                var name = property.Name.ToLowerInvariant();
                if (name is "prompt" or "workflow" && !texts.ContainsKey(name))
                {
                    texts[name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
        }

        foreach (var name in (string[])["prompt", "workflow"])
        {
            if (texts.TryGetValue(name, out var text))
            {
                texts[name] = Unwrap(text);
            }
        }

        return texts;
    }

    /// <summary>"\"{...}\"" → "{...}", up to twice; text that is not a JSON string is returned as is.</summary>
    internal static string Unwrap(string text)
    {
        for (var i = 0; i < 2; i++)
        {
            var trimmed = text.TrimStart();
            if (!trimmed.StartsWith('"'))
            {
                break;
            }

            try
            {
                using var doc = JsonDocument.Parse(trimmed);
                if (doc.RootElement.ValueKind != JsonValueKind.String)
                {
                    break;
                }

                text = doc.RootElement.GetString()!;
            }
            catch (JsonException)
            {
                break;
            }
        }

        return text;
    }

    private static bool TryParseObject(string text, out JsonElement element)
    {
        element = default;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            element = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
