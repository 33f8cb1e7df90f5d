using System.Text;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>
/// Splits an A1111 parameter line into <c>Key: value</c> items. Splits only on top-level commas: quoted values
/// (JSON string escapes) and unquoted <c>{…}</c>/<c>[…]</c> values written by extensions and sites may hold commas.
/// </summary>
internal static class InfotextLine
{
    public static List<KeyValuePair<string, string>> Split(string line)
    {
        var items = new List<KeyValuePair<string, string>>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && (line[i] == ' ' || line[i] == ','))
            {
                i++;
            }

            var keyStart = i;
            while (i < line.Length && IsKeyChar(line[i]) && !(line[i] == ' ' && i == keyStart))
            {
                i++;
            }

            if (i >= line.Length || line[i] != ':' || i == keyStart || !char.IsLetterOrDigit(line[keyStart]) && line[keyStart] != '_')
            {
                // Not a key: skip this item to the next top-level comma.
                i = SkipValue(line, i);
                continue;
            }

            var key = line[keyStart..i].Trim();
            i++;
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }

            string value;
            if (i < line.Length && line[i] == '"')
            {
                var builder = new StringBuilder();
                i = ReadQuoted(line, i, builder);
                value = builder.ToString();
                i = SkipValue(line, i);
            }
            else
            {
                var start = i;
                i = SkipValue(line, i);
                value = line[start..i].Trim();
            }

            items.Add(new KeyValuePair<string, string>(key, value));
        }

        return items;
    }

    private static bool IsKeyChar(char c) => char.IsLetterOrDigit(c) || c is '_' or ' ' or '-' or '/' or '.' or '(' or ')' or '+';

    /// <summary>Moves to the next comma at bracket depth 0, outside quotes.</summary>
    private static int SkipValue(string line, int i)
    {
        var depth = 0;
        var inQuote = false;
        for (; i < line.Length; i++)
        {
            var c = line[i];
            if (inQuote)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuote = false;
                }

                continue;
            }

            switch (c)
            {
                case '"' when depth > 0:
                    inQuote = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']' when depth > 0:
                    depth--;
                    break;
                case ',' when depth == 0:
                    return i;
            }
        }

        // A trailing backslash inside a quote steps one past the end.
        return Math.Min(i, line.Length);
    }

    private static int ReadQuoted(string line, int i, StringBuilder builder)
    {
        i++;
        while (i < line.Length)
        {
            var c = line[i++];
            if (c == '"')
            {
                return i;
            }

            if (c != '\\' || i >= line.Length)
            {
                builder.Append(c);
                continue;
            }

            var escape = line[i++];
            switch (escape)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'u' when i + 4 <= line.Length && ushort.TryParse(line.AsSpan(i, 4), System.Globalization.NumberStyles.HexNumber, null, out var code):
                    builder.Append((char)code);
                    i += 4;
                    break;
                default: builder.Append(escape); break;
            }
        }

        return i;
    }
}
