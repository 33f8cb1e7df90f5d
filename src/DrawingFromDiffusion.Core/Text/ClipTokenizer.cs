using System.Collections.Concurrent;
using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace DrawingFromDiffusion.Core.Text;

/// <summary>
/// CLIP's byte-level BPE (docs: clip-tokenizer.md): cleaning per convention, a rune pre-tokenizer,
/// the GPT-2 byte map, merges by rank, SOT/EOT and truncation that keeps EOT. Thread-safe.
/// </summary>
public sealed class ClipTokenizer : ITextTokenizer
{
    public const int StartOfTextId = 49406;
    public const int EndOfTextId = 49407;
    public const int DefaultContextLength = 77;

    /// <summary>49152 − 256 − 2: the merges of the vocabulary file that CLIP uses.</summary>
    private const int MergeCount = 48894;

    private static readonly Lazy<ClipTokenizer> _standard = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("DrawingFromDiffusion.Core.Text.bpe_simple_vocab_16e6.txt.gz")
            ?? throw new InvalidOperationException("the CLIP vocabulary is missing from the assembly");
        return FromBpeGz(stream, ClipTextCleaning.OpenAi);
    });

    private static readonly char[] _byteToChar = BuildByteMap();

    private readonly Dictionary<(string, string), int> _ranks;
    private readonly Dictionary<string, int> _vocab;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    private ClipTokenizer(List<(string Left, string Right)> merges, ClipTextCleaning cleaning)
    {
        Cleaning = cleaning;
        _ranks = new Dictionary<(string, string), int>(merges.Count);
        _vocab = new Dictionary<string, int>(49408, StringComparer.Ordinal);
        // Byte characters in code point order = the printable bytes first, then the remapped ones (spec §2).
        var id = 0;
        foreach (var c in _byteToChar.Order())
        {
            _vocab[c.ToString()] = id++;
        }

        foreach (var c in _byteToChar.Order())
        {
            _vocab[c + "</w>"] = id++;
        }

        for (var r = 0; r < merges.Count; r++)
        {
            _ranks[merges[r]] = r;
            _vocab[merges[r].Left + merges[r].Right] = id++;
        }

        _vocab[ClipPreTokenizer.StartOfText] = StartOfTextId;
        _vocab[ClipPreTokenizer.EndOfText] = EndOfTextId;
        if (id != StartOfTextId)
        {
            throw new InvalidDataException($"the BPE merges give {id} ids before the special tokens; CLIP needs {StartOfTextId}");
        }
    }

    /// <summary>The OpenAI tokenizer with the vocabulary built into this assembly.</summary>
    public static ClipTokenizer Standard => _standard.Value;

    public ClipTextCleaning Cleaning { get; }

    public int VocabularySize => _vocab.Count;

    /// <summary>From <c>bpe_simple_vocab_16e6.txt.gz</c> (OpenAI, open_clip).</summary>
    public static ClipTokenizer FromBpeGz(Stream gz, ClipTextCleaning cleaning)
    {
        using var unzip = new GZipStream(gz, CompressionMode.Decompress, leaveOpen: true);
        return FromMergesText(unzip, cleaning);
    }

    /// <summary>From a merges list whose first line is a header (HF <c>merges.txt</c>, or the decompressed OpenAI file).</summary>
    public static ClipTokenizer FromMergesText(Stream text, ClipTextCleaning cleaning)
    {
        using var reader = new StreamReader(text, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        reader.ReadLine();
        return FromMerges(ReadLines(reader).Take(MergeCount), cleaning);
    }

    /// <summary>From merge lines "left right" in rank order (e.g. <c>model.merges</c> of a tokenizer.json).</summary>
    public static ClipTokenizer FromMerges(IEnumerable<string> lines, ClipTextCleaning cleaning)
    {
        var merges = new List<(string, string)>(MergeCount);
        foreach (var line in lines.Take(MergeCount))
        {
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new InvalidDataException($"merge {merges.Count + 1} is not a pair: '{line}'");
            }

            merges.Add((parts[0], parts[1]));
        }

        if (merges.Count != MergeCount)
        {
            throw new InvalidDataException($"the vocabulary has {merges.Count} merges; CLIP needs {MergeCount}");
        }

        return new ClipTokenizer(merges, cleaning);
    }

    /// <summary>The same merges with another cleaning convention (shares nothing mutable).</summary>
    public ClipTokenizer WithCleaning(ClipTextCleaning cleaning) =>
        cleaning == Cleaning ? this : new ClipTokenizer(_ranks.OrderBy(p => p.Value).Select(p => p.Key).ToList(), cleaning);

    /// <summary>The cleaned text the pre-tokenizer sees.</summary>
    public string Clean(string text) => TextCleaner.Clean(text, Cleaning);

    /// <summary>BPE ids of the content, without SOT/EOT and untruncated.</summary>
    public List<int> Encode(string text)
    {
        var ids = new List<int>();
        foreach (var piece in ClipPreTokenizer.Split(Clean(text)))
        {
            ids.AddRange(EncodePiece(piece));
        }

        return ids;
    }

    /// <summary>The BPE symbols of the content (for diagnostics).</summary>
    public IReadOnlyList<string> EncodeToSymbols(string text)
    {
        var byId = _vocab.ToDictionary(p => p.Value, p => p.Key);
        return Encode(text).Select(id => byId[id]).ToList();
    }

    /// <summary><c>clip.tokenize(text, context_length, truncate=True)</c> with the given pad id.</summary>
    public TokenizedText Tokenize(string text, int contextLength = DefaultContextLength, int padId = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        var content = Encode(text);
        var ids = new int[contextLength];
        Array.Fill(ids, padId);
        ids[0] = StartOfTextId;
        var truncated = content.Count > contextLength - 2;
        var kept = Math.Min(content.Count, contextLength - 2);
        content.CopyTo(0, ids, 1, kept);
        ids[kept + 1] = EndOfTextId;
        var firstEot = Array.IndexOf(ids, EndOfTextId);
        return new TokenizedText(ids, firstEot + 1, truncated);
    }

    private int[] EncodePiece(string piece)
    {
        if (_cache.TryGetValue(piece, out var cached))
        {
            return cached;
        }

        int[] result;
        if (piece is ClipPreTokenizer.StartOfText or ClipPreTokenizer.EndOfText)
        {
            result = [_vocab[piece]];
        }
        else
        {
            var bytes = Encoding.UTF8.GetBytes(piece);
            var symbols = new List<string>(bytes.Length);
            for (var i = 0; i < bytes.Length; i++)
            {
                var s = _byteToChar[bytes[i]].ToString();
                symbols.Add(i == bytes.Length - 1 ? s + "</w>" : s);
            }

            Merge(symbols);
            result = symbols.Select(s => _vocab[s]).ToArray();
        }

        if (_cache.Count < 100_000)
        {
            _cache.TryAdd(piece, result);
        }

        return result;
    }

    private void Merge(List<string> symbols)
    {
        while (symbols.Count > 1)
        {
            var best = int.MaxValue;
            (string, string) bigram = default;
            for (var i = 0; i < symbols.Count - 1; i++)
            {
                if (_ranks.TryGetValue((symbols[i], symbols[i + 1]), out var rank) && rank < best)
                {
                    best = rank;
                    bigram = (symbols[i], symbols[i + 1]);
                }
            }

            if (best == int.MaxValue)
            {
                return;
            }

            var merged = new List<string>(symbols.Count);
            var j = 0;
            while (j < symbols.Count)
            {
                if (j < symbols.Count - 1 && symbols[j] == bigram.Item1 && symbols[j + 1] == bigram.Item2)
                {
                    merged.Add(bigram.Item1 + bigram.Item2);
                    j += 2;
                }
                else
                {
                    merged.Add(symbols[j]);
                    j++;
                }
            }

            symbols.Clear();
            symbols.AddRange(merged);
        }
    }

    private static IEnumerable<string> ReadLines(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    /// <summary>GPT-2's byte → printable character map (spec §3).</summary>
    private static char[] BuildByteMap()
    {
        var map = new char[256];
        var next = 0x100;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is (>= 33 and <= 126) or (>= 161 and <= 172) or (>= 174 and <= 255);
            map[b] = printable ? (char)b : (char)next++;
        }

        return map;
    }
}
