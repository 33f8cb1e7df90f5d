using System.Globalization;
using System.Reflection;
using System.Text;

namespace DrawingFromDiffusion.Core.Text;

/// <summary>
/// Unicode NFC (UAX #15: canonical decomposition, canonical ordering, canonical composition) from tables of
/// CPython's unicodedata, the reference tokenizers' NFC. .NET's <c>string.Normalize</c> is not used: it does
/// nothing under invariant globalization (the CLI's mode), and it follows the host ICU's Unicode version.
/// </summary>
public static class UnicodeNfc
{
    private const int HangulBase = 0xAC00;
    private const int LeadBase = 0x1100;
    private const int VowelBase = 0x1161;
    private const int TrailBase = 0x11A7;
    private const int VowelCount = 21;
    private const int TrailCount = 28;
    private const int SyllableCount = 11172;

    private static readonly Lazy<Tables> _tables = new(Load);

    public static string Normalize(string text)
    {
        if (IsAsciiOrLatin1Starters(text))
        {
            return text;
        }

        var t = _tables.Value;
        var runes = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            Decompose(rune.Value, runes, t);
        }

        SortMarks(runes, t);
        Compose(runes, t);
        var sb = new StringBuilder(text.Length);
        foreach (var r in runes)
        {
            sb.Append(new Rune(r).ToString());
        }

        return sb.ToString();
    }

    /// <summary>Text of code points below U+0300 holds no combining mark and nothing that decomposes into one that composes differently.</summary>
    private static bool IsAsciiOrLatin1Starters(string text)
    {
        foreach (var c in text)
        {
            if (c >= '\u0300')
            {
                return false;
            }
        }

        return true;
    }

    private static void Decompose(int cp, List<int> output, Tables t)
    {
        var s = cp - HangulBase;
        if (s is >= 0 and < SyllableCount)
        {
            output.Add(LeadBase + (s / (VowelCount * TrailCount)));
            output.Add(VowelBase + (s % (VowelCount * TrailCount) / TrailCount));
            if (s % TrailCount != 0)
            {
                output.Add(TrailBase + (s % TrailCount));
            }

            return;
        }

        if (t.Decompositions.TryGetValue(cp, out var parts))
        {
            foreach (var p in parts)
            {
                Decompose(p, output, t);
            }

            return;
        }

        output.Add(cp);
    }

    /// <summary>Canonical ordering: a stable sort of each run of non-starters by combining class.</summary>
    private static void SortMarks(List<int> runes, Tables t)
    {
        for (var i = 1; i < runes.Count; i++)
        {
            var ccc = t.Class(runes[i]);
            if (ccc == 0)
            {
                continue;
            }

            var j = i;
            while (j > 0 && t.Class(runes[j - 1]) > ccc)
            {
                (runes[j - 1], runes[j]) = (runes[j], runes[j - 1]);
                j--;
            }
        }
    }

    private static void Compose(List<int> runes, Tables t)
    {
        if (runes.Count == 0)
        {
            return;
        }

        var starterPos = t.Class(runes[0]) == 0 ? 0 : -1;
        var lastClass = starterPos == 0 ? 0 : 256;
        var write = 1;
        for (var read = 1; read < runes.Count; read++)
        {
            var ch = runes[read];
            var ccc = t.Class(ch);
            // A mark is blocked from the starter when a mark of the same or a higher class came between them.
            if (starterPos >= 0 && (lastClass < ccc || (lastClass == 0 && write - 1 == starterPos))
                && TryCompose(runes[starterPos], ch, t, out var composite))
            {
                runes[starterPos] = composite;
                continue;
            }

            if (ccc == 0)
            {
                starterPos = write;
            }

            lastClass = ccc;
            runes[write++] = ch;
        }

        runes.RemoveRange(write, runes.Count - write);
    }

    private static bool TryCompose(int first, int second, Tables t, out int composite)
    {
        var l = first - LeadBase;
        var v = second - VowelBase;
        if (l is >= 0 and < 19 && v is >= 0 and < VowelCount)
        {
            composite = HangulBase + (((l * VowelCount) + v) * TrailCount);
            return true;
        }

        var s = first - HangulBase;
        var tr = second - TrailBase;
        if (s is >= 0 and < SyllableCount && s % TrailCount == 0 && tr is > 0 and < TrailCount)
        {
            composite = first + tr;
            return true;
        }

        return t.Compositions.TryGetValue(((long)first << 21) | (uint)second, out composite);
    }

    private static Tables Load()
    {
        var t = new Tables();
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("DrawingFromDiffusion.Core.Text.unicode-nfc.tsv")
            ?? throw new InvalidOperationException("the Unicode NFC table is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            var cp = int.Parse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            if (parts[0] == "k")
            {
                t.Classes[cp] = byte.Parse(parts[2], CultureInfo.InvariantCulture);
                continue;
            }

            var decomposition = parts[2].Split(' ').Select(h => int.Parse(h, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)).ToArray();
            t.Decompositions[cp] = decomposition;
            if (parts[3] == "1")
            {
                t.Compositions[((long)decomposition[0] << 21) | (uint)decomposition[1]] = cp;
            }
        }

        return t;
    }

    private sealed class Tables
    {
        public Dictionary<int, byte> Classes { get; } = [];

        public Dictionary<int, int[]> Decompositions { get; } = [];

        public Dictionary<long, int> Compositions { get; } = [];

        public int Class(int cp) => Classes.TryGetValue(cp, out var c) ? c : 0;
    }
}
