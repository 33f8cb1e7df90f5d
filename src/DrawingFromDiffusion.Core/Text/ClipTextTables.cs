using System.Globalization;
using System.Reflection;
using System.Text;

namespace DrawingFromDiffusion.Core.Text;

/// <summary>Character tables generated from CPython and ftfy (clip-text-tables.tsv), loaded once.</summary>
internal sealed class ClipTextTables
{
    private static readonly Lazy<ClipTextTables> _instance = new(Load);

    public static ClipTextTables Instance => _instance.Value;

    public Dictionary<string, string> Html5 { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, string> InvalidCharrefs { get; } = [];

    public HashSet<int> InvalidCodepoints { get; } = [];

    public Dictionary<string, string> FtfyEntities { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, string> Ligatures { get; } = [];

    public Dictionary<int, string> Width { get; } = [];

    /// <summary>Windows-1252 for bytes 0x80–0x9F, undefined bytes kept as Latin-1 (ftfy's "sloppy" codec).</summary>
    public char[] Cp1252High { get; } = new char[32];

    private static ClipTextTables Load()
    {
        var t = new ClipTextTables();
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("DrawingFromDiffusion.Core.Text.clip-text-tables.tsv")
            ?? throw new InvalidOperationException("the CLIP text tables are missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            switch (parts[0])
            {
                case "h":
                    t.Html5[parts[1]] = Chars(parts[2]);
                    break;
                case "r":
                    t.InvalidCharrefs[Hex(parts[1])] = Chars(parts[2]);
                    break;
                case "c":
                    foreach (var c in parts[1].Split(' '))
                    {
                        t.InvalidCodepoints.Add(Hex(c));
                    }

                    break;
                case "u":
                    t.FtfyEntities["&" + parts[1]] = Chars(parts[2]);
                    break;
                case "l":
                    t.Ligatures[Hex(parts[1])] = Chars(parts[2]);
                    break;
                case "w":
                    t.Width[Hex(parts[1])] = Chars(parts[2]);
                    break;
                case "p":
                    t.Cp1252High[Hex(parts[1]) - 0x80] = (char)Hex(parts[2]);
                    break;
            }
        }

        foreach (var (name, value) in t.Html5)
        {
            if (name.EndsWith(';'))
            {
                t.FtfyEntities["&" + name] = value;
            }
        }

        return t;
    }

    private static int Hex(string s) => int.Parse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private static string Chars(string hexList)
    {
        if (hexList.Length == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        foreach (var h in hexList.Split(' '))
        {
            sb.Append(char.ConvertFromUtf32(Hex(h)));
        }

        return sb.ToString();
    }
}
