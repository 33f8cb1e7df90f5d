using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>
/// Tolerant JSON reading shared by the parsers: every tool's schema drifts, Python writes NaN/Infinity,
/// some writers leave NULs or junk after the object, and numbers arrive as strings.
/// </summary>
internal static partial class Json
{
    private static readonly JsonDocumentOptions _options = new() { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses an object (or array); null with <paramref name="error"/> when nothing usable remains after clean-up.</summary>
    public static JsonDocument? TryParse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty";
            return null;
        }

        var trimmed = text.Trim().Trim('\0').Trim();
        if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            error = "not JSON";
            return null;
        }

        if (TryOnce(trimmed, out var document, out error))
        {
            return document;
        }

        var cleaned = ReplaceNonFinite(trimmed);
        var last = cleaned.LastIndexOf(trimmed[0] == '{' ? '}' : ']');
        if (last > 0)
        {
            cleaned = cleaned[..(last + 1)];
        }

        return TryOnce(cleaned, out document, out _) ? document : null;
    }

    public static bool LooksLikeJsonObject(string? text)
    {
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan().TrimStart();
        return span.Length > 0 && span[0] == '{';
    }

    public static JsonElement? Prop(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined
            ? value
            : null;

    /// <summary>A string, or a number/bool's literal text; never an object or array.</summary>
    public static string? Str(this JsonElement element, string name) => AsString(element.Prop(name));

    public static string? AsString(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => Json.Text(value.Value),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.Value.GetRawText(),
        _ => null,
    };

    /// <summary>A string value; a lone surrogate escape (<c>\ud800</c>), which System.Text.Json refuses to decode, becomes U+FFFD.</summary>
    public static string? Text(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return LoneSurrogate().Replace(value.GetRawText().Trim('"'), "\uFFFD") is var escaped && TryOnce("\"" + escaped + "\"", out var document, out _)
                ? WithDocument(document!)
                : null;
        }

        static string? WithDocument(JsonDocument document)
        {
            using (document)
            {
                try
                {
                    return document.RootElement.GetString();
                }
                catch (InvalidOperationException)
                {
                    return null;
                }
            }
        }
    }

    public static int? Int(this JsonElement element, string name) => AsInt(element.Prop(name));

    public static int? AsInt(JsonElement? value)
    {
        var number = AsDouble(value);
        return number is { } n && n >= int.MinValue && n <= int.MaxValue && Math.Floor(n) == n ? (int)n : null;
    }

    public static double? Dbl(this JsonElement element, string name) => AsDouble(element.Prop(name));

    public static double? AsDouble(JsonElement? value)
    {
        if (value is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d))
        {
            return d;
        }

        return v.ValueKind == JsonValueKind.String ? Numbers.Double(Json.Text(v)) : null;
    }

    public static decimal? Seed(this JsonElement element, string name) => AsSeed(element.Prop(name));

    public static decimal? AsSeed(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.Number => Numbers.Seed(value.Value.GetRawText()),
        JsonValueKind.String => Numbers.Seed(Json.Text(value.Value)),
        _ => null,
    };

    /// <summary>Strings that hold JSON (NovelAI Comment, Civitai extraMetadata, VHS prompt) are unwrapped, at most twice.</summary>
    public static JsonDocument? Unwrap(JsonElement value)
    {
        var current = value;
        for (var depth = 0; depth < 2 && current.ValueKind == JsonValueKind.String; depth++)
        {
            var inner = TryParse(Json.Text(current), out _);
            if (inner is null)
            {
                return null;
            }

            if (inner.RootElement.ValueKind != JsonValueKind.String)
            {
                return inner;
            }

            current = inner.RootElement;
        }

        return current.ValueKind == JsonValueKind.Object ? JsonDocument.Parse(current.GetRawText(), _options) : null;
    }

    private static bool TryOnce(string text, out JsonDocument? document, out string? error)
    {
        try
        {
            document = JsonDocument.Parse(text, _options);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            document = null;
            error = ex.Message;
            return false;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex LoneSurrogate();

    /// <summary>NaN, Infinity and -Infinity outside string literals become null.</summary>
    private static string ReplaceNonFinite(string text)
    {
        if (!text.Contains("NaN", StringComparison.Ordinal) && !text.Contains("Infinity", StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                builder.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    builder.Append(text[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                builder.Append(c);
            }
            else if (string.CompareOrdinal(text, i, "NaN", 0, 3) == 0)
            {
                builder.Append("null");
                i += 2;
            }
            else if (string.CompareOrdinal(text, i, "-Infinity", 0, 9) == 0)
            {
                builder.Append("null");
                i += 8;
            }
            else if (string.CompareOrdinal(text, i, "Infinity", 0, 8) == 0)
            {
                builder.Append("null");
                i += 7;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
