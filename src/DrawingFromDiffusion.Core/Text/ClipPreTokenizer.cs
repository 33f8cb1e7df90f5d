using System.Globalization;
using System.Text;

namespace DrawingFromDiffusion.Core.Text;

/// <summary>
/// <c>&lt;\|startoftext\|&gt;|&lt;\|endoftext\|&gt;|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+</c>
/// as a scanner over runes: .NET's Regex classifies UTF-16 code units, which splits supplementary-plane letters.
/// </summary>
internal static class ClipPreTokenizer
{
    public const string StartOfText = "<|startoftext|>";
    public const string EndOfText = "<|endoftext|>";

    private static readonly string[] _contractions = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"];

    private enum Kind
    {
        Space,
        Letter,
        Number,
        Other,
    }

    public static List<string> Split(string text)
    {
        var pieces = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (Matches(text, i, StartOfText))
            {
                pieces.Add(text.Substring(i, StartOfText.Length));
                i += StartOfText.Length;
                continue;
            }

            if (Matches(text, i, EndOfText))
            {
                pieces.Add(text.Substring(i, EndOfText.Length));
                i += EndOfText.Length;
                continue;
            }

            var contraction = _contractions.FirstOrDefault(c => Matches(text, i, c));
            if (contraction is not null)
            {
                pieces.Add(text.Substring(i, contraction.Length));
                i += contraction.Length;
                continue;
            }

            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var width);
            var kind = Classify(rune);
            switch (kind)
            {
                case Kind.Space:
                    i += width;
                    break;
                case Kind.Number:
                    pieces.Add(text.Substring(i, width));
                    i += width;
                    break;
                default:
                    var start = i;
                    i += width;
                    while (i < text.Length)
                    {
                        Rune.DecodeFromUtf16(text.AsSpan(i), out var next, out var nextWidth);
                        if (Classify(next) != kind)
                        {
                            break;
                        }

                        i += nextWidth;
                    }

                    pieces.Add(text[start..i]);
                    break;
            }
        }

        return pieces;
    }

    /// <summary>The pattern is compiled with IGNORECASE; on lower-cased text only the long s (ſ, folding to s) still matters.</summary>
    private static bool Matches(string text, int at, string literal)
    {
        if (at + literal.Length > text.Length)
        {
            return false;
        }

        for (var k = 0; k < literal.Length; k++)
        {
            var c = text[at + k];
            if (c != literal[k] && !(c == '\u017f' && literal[k] == 's'))
            {
                return false;
            }
        }

        return true;
    }

    private static Kind Classify(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune))
        {
            return Kind.Space;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Kind.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Kind.Number,
            _ => Kind.Other,
        };
    }
}
