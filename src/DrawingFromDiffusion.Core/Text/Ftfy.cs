using System.Text;

namespace DrawingFromDiffusion.Core.Text;

/// <summary>
/// The subset of <c>ftfy.fix_text</c> (6.x defaults) that CLIP's cleaning depends on, in ftfy's order.
/// Mojibake repair is reduced to its core: UTF-8 sequences that were decoded as Windows-1252/Latin-1
/// are re-decoded; ftfy's wider badness heuristic is not ported.
/// </summary>
internal static class Ftfy
{
    public static string FixText(string text)
    {
        var sb = new StringBuilder(text.Length);
        var unescapeHtml = true;
        var pos = 0;
        while (pos < text.Length)
        {
            var next = text.IndexOf('\n', pos);
            var end = next < 0 ? text.Length : next + 1;
            var segment = text[pos..end];
            // As in ftfy, once a segment holds '<' the HTML step stays off for the rest of the text.
            if (unescapeHtml && segment.Contains('<'))
            {
                unescapeHtml = false;
            }

            sb.Append(FixSegment(segment, unescapeHtml));
            pos = end;
        }

        return sb.ToString();
    }

    private static string FixSegment(string text, bool unescapeHtml)
    {
        for (var round = 0; round < 16; round++)
        {
            var original = text;
            if (unescapeHtml)
            {
                text = PythonHtml.FtfyUnescape(text);
            }

            text = FixMojibake(text);
            text = FixC1Controls(text);
            text = MapChars(text, ClipTextTables.Instance.Ligatures);
            text = MapChars(text, ClipTextTables.Instance.Width);
            text = UncurlQuotes(text);
            text = FixLineBreaks(text);
            text = FixSurrogates(text);
            text = RemoveTerminalEscapes(text);
            text = RemoveControlChars(text);
            text = UnicodeNfc.Normalize(text);
            if (text == original)
            {
                break;
            }
        }

        return text;
    }

    /// <summary>The byte a character came from under sloppy Windows-1252, or -1.</summary>
    private static int SloppyByte(char c)
    {
        if (c < 0x80 || (c >= 0xA0 && c <= 0xFF))
        {
            return c;
        }

        var high = ClipTextTables.Instance.Cp1252High;
        var index = Array.IndexOf(high, c);
        return index < 0 ? -1 : 0x80 + index;
    }

    private static string FixMojibake(string text)
    {
        StringBuilder? sb = null;
        var i = 0;
        var copied = 0;
        Span<byte> bytes = stackalloc byte[4];
        while (i < text.Length)
        {
            var lead = SloppyByte(text[i]);
            var need = lead switch
            {
                >= 0xC2 and <= 0xDF => 1,
                >= 0xE0 and <= 0xEF => 2,
                >= 0xF0 and <= 0xF4 => 3,
                _ => -1,
            };
            if (need < 0 || i + need >= text.Length)
            {
                i++;
                continue;
            }

            bytes[0] = (byte)lead;
            var ok = true;
            for (var k = 1; k <= need; k++)
            {
                var b = SloppyByte(text[i + k]);
                if (b is < 0x80 or > 0xBF)
                {
                    ok = false;
                    break;
                }

                bytes[k] = (byte)b;
            }

            if (ok && Rune.DecodeFromUtf8(bytes[..(need + 1)], out var rune, out var consumed) == System.Buffers.OperationStatus.Done && consumed == need + 1)
            {
                sb ??= new StringBuilder(text.Length);
                sb.Append(text, copied, i - copied);
                sb.Append(rune.ToString());
                i += need + 1;
                copied = i;
            }
            else
            {
                i++;
            }
        }

        if (sb is null)
        {
            return text;
        }

        sb.Append(text, copied, text.Length - copied);
        return sb.ToString();
    }

    private static string FixC1Controls(string text)
    {
        if (!text.Any(c => c is >= '\u0080' and <= '\u009f'))
        {
            return text;
        }

        var high = ClipTextTables.Instance.Cp1252High;
        return string.Create(text.Length, text, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = s[i] is >= '\u0080' and <= '\u009f' ? high[s[i] - 0x80] : s[i];
            }
        });
    }

    private static string MapChars(string text, Dictionary<int, string> map)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (map.TryGetValue(text[i], out var replacement))
            {
                sb ??= new StringBuilder(text, 0, i, text.Length);
                sb.Append(replacement);
            }
            else
            {
                sb?.Append(text[i]);
            }
        }

        return sb?.ToString() ?? text;
    }

    private static string UncurlQuotes(string text)
    {
        if (!text.Any(c => c is '\u02bc' or (>= '\u2018' and <= '\u201f')))
        {
            return text;
        }

        return string.Create(text.Length, text, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = s[i] switch
                {
                    '\u02bc' or (>= '\u2018' and <= '\u201b') => '\'',
                    >= '\u201c' and <= '\u201f' => '"',
                    var c => c,
                };
            }
        });
    }

    private static string FixLineBreaks(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace('\r', '\n')
            .Replace('\u2028', '\n')
            .Replace('\u2029', '\n')
            .Replace('\u0085', '\n');

    private static string FixSurrogates(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                sb ??= new StringBuilder(text, 0, i, text.Length);
                sb.Append('\uFFFD');
                continue;
            }

            sb?.Append(c);
        }

        return sb?.ToString() ?? text;
    }

    /// <summary>ANSI escapes: <c>ESC [ (digits or ;)* letter</c>.</summary>
    private static string RemoveTerminalEscapes(string text)
    {
        if (!text.Contains('\u001b'))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\u001b' && i + 1 < text.Length && text[i + 1] == '[')
            {
                var j = i + 2;
                while (j < text.Length && (char.IsAsciiDigit(text[j]) || text[j] == ';'))
                {
                    j++;
                }

                if (j < text.Length && char.IsAsciiLetter(text[j]))
                {
                    i = j + 1;
                    continue;
                }
            }

            sb.Append(text[i++]);
        }

        return sb.ToString();
    }

    private static bool IsRemovedControl(char c) =>
        c is (>= '\u0000' and <= '\u0008') or '\u000b' or (>= '\u000e' and <= '\u001f') or '\u007f'
            or (>= '\u206a' and <= '\u206f') or '\ufeff' or (>= '\ufff9' and <= '\ufffc');

    private static string RemoveControlChars(string text)
    {
        if (!text.Any(IsRemovedControl))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsRemovedControl(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
