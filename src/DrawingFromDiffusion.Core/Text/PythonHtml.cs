using System.Globalization;
using System.Text;

namespace DrawingFromDiffusion.Core.Text;

/// <summary>
/// Python's <c>html.unescape</c> (HTML5 names, legacy names without ';' by longest prefix, numeric
/// references with the Windows-1252 remapping) and ftfy's stricter entity step. .NET's
/// <c>WebUtility.HtmlDecode</c> differs on both counts, and the CLIP vocabulary was built on Python's.
/// </summary>
internal static class PythonHtml
{
    /// <summary><c>html.unescape</c>: the regex <c>&amp;(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f &lt;&amp;#;]{1,32};?)</c>.</summary>
    public static string Unescape(string s)
    {
        if (!s.Contains('&'))
        {
            return s;
        }

        var t = ClipTextTables.Instance;
        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            var amp = s.IndexOf('&', i);
            if (amp < 0)
            {
                sb.Append(s, i, s.Length - i);
                break;
            }

            sb.Append(s, i, amp - i);
            var p = amp + 1;
            if (p < s.Length && s[p] == '#')
            {
                var hex = p + 1 < s.Length && (s[p + 1] == 'x' || s[p + 1] == 'X');
                var start = hex ? p + 2 : p + 1;
                var end = start;
                while (end < s.Length && (hex ? Uri.IsHexDigit(s[end]) : s[end] is >= '0' and <= '9'))
                {
                    end++;
                }

                if (end == start)
                {
                    // "&#" without digits: the name alternative cannot start with '#', so no match.
                    sb.Append('&');
                    i = p;
                    continue;
                }

                var digits = s[start..end];
                if (end < s.Length && s[end] == ';')
                {
                    end++;
                }

                sb.Append(NumericReference(digits, hex, t));
                i = end;
                continue;
            }

            var nameEnd = p;
            while (nameEnd < s.Length && nameEnd - p < 32 && s[nameEnd] is not ('\t' or '\n' or '\f' or ' ' or '<' or '&' or '#' or ';'))
            {
                nameEnd++;
            }

            if (nameEnd == p)
            {
                sb.Append('&');
                i = p;
                continue;
            }

            if (nameEnd < s.Length && s[nameEnd] == ';')
            {
                nameEnd++;
            }

            var name = s[p..nameEnd];
            sb.Append(NamedReference(name, t));
            i = nameEnd;
        }

        return sb.ToString();
    }

    /// <summary>ftfy's <c>unescape_html</c>: only complete <c>&amp;name;</c> / <c>&amp;#N;</c> forms, plus all-caps variants.</summary>
    public static string FtfyUnescape(string s)
    {
        if (!s.Contains('&'))
        {
            return s;
        }

        var t = ClipTextTables.Instance;
        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] != '&')
            {
                sb.Append(s[i++]);
                continue;
            }

            // &#?[0-9A-Za-z]{1,24};
            var p = i + 1;
            if (p < s.Length && s[p] == '#')
            {
                p++;
            }

            var q = p;
            while (q < s.Length && q - p < 24 && char.IsAsciiLetterOrDigit(s[q]))
            {
                q++;
            }

            if (q == p || q >= s.Length || s[q] != ';')
            {
                sb.Append('&');
                i++;
                continue;
            }

            var entity = s[i..(q + 1)];
            if (t.FtfyEntities.TryGetValue(entity, out var value))
            {
                sb.Append(value);
            }
            else if (entity.StartsWith("&#", StringComparison.Ordinal))
            {
                var unescaped = Unescape(entity);
                sb.Append(unescaped.Contains(';') ? entity : unescaped);
            }
            else
            {
                sb.Append(entity);
            }

            i = q + 1;
        }

        return sb.ToString();
    }

    private static string NumericReference(string digits, bool hex, ClipTextTables t)
    {
        var trimmed = digits.TrimStart('0');
        int num;
        if (trimmed.Length > 8)
        {
            num = int.MaxValue;
        }
        else
        {
            num = trimmed.Length == 0 ? 0 : int.Parse(trimmed, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture);
        }

        if (t.InvalidCharrefs.TryGetValue(num, out var replacement))
        {
            return replacement;
        }

        if (num is (>= 0xD800 and <= 0xDFFF) or > 0x10FFFF)
        {
            return "\uFFFD";
        }

        return t.InvalidCodepoints.Contains(num) ? string.Empty : char.ConvertFromUtf32(num);
    }

    private static string NamedReference(string name, ClipTextTables t)
    {
        if (t.Html5.TryGetValue(name, out var value))
        {
            return value;
        }

        for (var x = name.Length - 1; x > 1; x--)
        {
            if (t.Html5.TryGetValue(name[..x], out var prefix))
            {
                return prefix + name[x..];
            }
        }

        return "&" + name;
    }
}
