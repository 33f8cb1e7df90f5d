using System.Globalization;
using System.Text;

namespace DrawingFromDiffusion.Core.Text;

/// <summary>The cleaning step of each tokenizer convention (tokenizer spec §4 and §8.2).</summary>
internal static class TextCleaner
{
    public static string Clean(string text, ClipTextCleaning cleaning) => cleaning switch
    {
        ClipTextCleaning.OpenAi => PythonLower(CollapseWhitespace(PythonStrip(PythonHtml.Unescape(PythonHtml.Unescape(Ftfy.FixText(text)))))),
        _ => SimpleLower(CollapseWhitespace(UnicodeNfc.Normalize(text), strip: false)),
    };

    /// <summary>Python <c>str.isspace</c>: Unicode White_Space plus the information separators U+001C–U+001F.</summary>
    internal static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';

    private static string PythonStrip(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsPythonSpace(s[start]))
        {
            start++;
        }

        while (end > start && IsPythonSpace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    /// <summary><c>re.sub(r"\s+", " ", text)</c> with Unicode White_Space, then (OpenAI) <c>strip()</c>.</summary>
    private static string CollapseWhitespace(string s, bool strip = true)
    {
        var sb = new StringBuilder(s.Length);
        var inSpace = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inSpace)
                {
                    sb.Append(' ');
                    inSpace = true;
                }

                continue;
            }

            inSpace = false;
            sb.Append(c);
        }

        var collapsed = sb.ToString();
        return strip ? PythonStrip(collapsed) : collapsed;
    }

    private static string SimpleLower(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            sb.Append(Rune.ToLowerInvariant(rune).ToString());
        }

        return sb.ToString();
    }

    /// <summary>Python <c>str.lower</c>: full mapping of U+0130 and the final-sigma rule, which .NET's lower-casing lacks.</summary>
    internal static string PythonLower(string s)
    {
        var runes = s.EnumerateRunes().ToArray();
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < runes.Length; i++)
        {
            var r = runes[i];
            if (r.Value == 0x130)
            {
                sb.Append("i\u0307");
            }
            else if (r.Value == 0x3A3)
            {
                sb.Append(IsFinalSigma(runes, i) ? 'ς' : 'σ');
            }
            else
            {
                sb.Append(Rune.ToLowerInvariant(r).ToString());
            }
        }

        return sb.ToString();
    }

    /// <summary>Final_Sigma: <c>\p{cased} \p{case-ignorable}* Σ !(\p{case-ignorable}* \p{cased})</c>.</summary>
    private static bool IsFinalSigma(Rune[] runes, int i)
    {
        var j = i - 1;
        while (j >= 0 && IsCaseIgnorable(runes[j]))
        {
            j--;
        }

        if (j < 0 || !IsCased(runes[j]))
        {
            return false;
        }

        j = i + 1;
        while (j < runes.Length && IsCaseIgnorable(runes[j]))
        {
            j++;
        }

        return j == runes.Length || !IsCased(runes[j]);
    }

    private static bool IsCased(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static bool IsCaseIgnorable(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        || r.Value is '\'' or '.' or ':' or 0xB7 or 0x387 or 0x55F or 0x5F4 or 0x2018 or 0x2019 or 0x2024 or 0x2027
            or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;
}
